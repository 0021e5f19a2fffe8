package io.pmtuwatch.bench.diagnosis;

import io.pmtuwatch.schemas.Agent;
import io.pmtuwatch.schemas.HandshakeObservation;
import io.pmtuwatch.schemas.HandshakeOutcome;
import io.pmtuwatch.schemas.HopObservation;
import io.pmtuwatch.schemas.HopOutcome;
import io.pmtuwatch.schemas.IpVersion;
import io.pmtuwatch.schemas.MssMethod;
import io.pmtuwatch.schemas.Origin;
import io.pmtuwatch.schemas.PathIds;
import io.pmtuwatch.schemas.ProbeMethod;
import io.pmtuwatch.schemas.ProbePhase;
import io.pmtuwatch.schemas.ReturnPath;
import io.pmtuwatch.schemas.ReturnPathMethod;
import io.pmtuwatch.schemas.ReturnPathOutcome;
import io.pmtuwatch.schemas.Target;
import io.pmtuwatch.schemas.Transport;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Seeded random runs that reach every corner of the diagnosis, for comparing two builds of it: both
 * IP versions, TCP / UDP / DNS targets, interface MTU known or not, narrow links reported by valid and
 * invalid packet-too-bigs (flagged, no MTU, impossible MTU, no sender, not below the probe), silent and
 * filtering hops, size searches with and without a black hole, its localisation, several ECMP flows
 * (walked or not), passive observations, handshakes of every origin with clamps and return-path tests,
 * duplicates (exact and conflicting), shuffled delivery, missing markers, zero timestamps, incomplete
 * runs, and now and then observations of two paths mixed (which the diagnoser must refuse). The same
 * seed gives the same runs.
 */
public final class GeneratedRuns {

    private static final Instant START = Instant.parse("2026-01-05T08:00:00Z");
    private static final int[] NARROW = {1492, 1480, 1476, 1472, 1450, 1440, 1430, 1420, 1410, 1400, 1380, 1300,
            1280, 1200, 1000, 576, 552, 500, 68, 40};
    private static final int[] MSS = {1460, 1440, 1420, 1400, 1380, 1360, 1300, 1220, 1200, 1000, 536, 500};

    private final Random random;

    public GeneratedRuns(long seed) {
        this.random = new Random(seed);
    }

    public List<DiagnosisCase> cases(int count) {
        List<DiagnosisCase> cases = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            cases.add(next(i));
        }
        return cases;
    }

    private DiagnosisCase next(int n) {
        IpVersion version = chance(30) ? IpVersion.IPV6 : IpVersion.IPV4;
        int kind = random.nextInt(10);
        Transport transport = kind < 6 ? Transport.TCP : kind < 9 ? Transport.UDP : Transport.ICMP;
        int port = transport == Transport.TCP ? (chance(12) ? 53 : 443) : transport == Transport.UDP
                ? (chance(15) ? 53 : 33434) : 0;
        Agent agent = Agent.newBuilder().setId("gen-agent-" + random.nextInt(30)).setName("generated")
                .setLocation("site").build();
        Target target = Target.newBuilder().setHost("gen" + n + ".example").setAddress(address(version, 200, n % 250))
                .setPort(port).setIpVersion(version).setTransport(transport).build();
        Run run = new Run(agent, target, PathIds.of(agent.getId(), target), chance(8) ? null : "gen-run-" + n);
        if (run.runId == null) {
            passive(run, version);
        } else if (!chance(4)) {
            active(run, version);
        }
        HandshakeObservation handshake = (transport == Transport.TCP ? chance(85) : chance(10)) || run.hops.isEmpty()
                ? handshake(run, version) : null;
        if (chance(10)) {
            duplicate(run);
        }
        if (chance(50)) {
            Collections.shuffle(run.hops, random);
        }
        if (chance(2) && !run.hops.isEmpty()) {
            // Another path's record among them: the diagnoser must refuse the run, both builds alike.
            HopObservation stranger = HopObservation.newBuilder(run.hops.get(0)).setPathId("other-path").build();
            run.hops.add(stranger);
        }
        String incomplete = chance(10) ? "run timed out after 30 s with " + run.hops.size() + " observation(s)" : null;
        Instant fallback = run.zeroTime || chance(5) ? START.plusSeconds(n) : null;
        return new DiagnosisCase("generated-" + n, run.hops, handshake, incomplete, fallback);
    }

    private void active(Run run, IpVersion version) {
        Integer localMtu = chance(85) ? (chance(5) ? 9000 : 1500) : null;
        run.zeroTime = chance(4);
        int flows = chance(15) ? 2 + random.nextInt(3) : 1;
        int length = 1 + random.nextInt(14);
        // One narrow link on the path (sometimes two); in an ECMP run only some flows cross it.
        int narrowTtl = chance(45) ? 2 + random.nextInt(Math.max(1, length - 1)) : 0;
        int narrowMtu = NARROW[random.nextInt(NARROW.length)];
        int secondTtl = narrowTtl > 0 && chance(15) ? narrowTtl + 1 + random.nextInt(3) : 0;
        int secondMtu = Math.max(40, narrowMtu - 20 - random.nextInt(200));
        ProbeMethod method = pick(ProbeMethod.UDP, ProbeMethod.ICMP_ECHO, ProbeMethod.TCP_SYN, ProbeMethod.UNKNOWN);
        boolean reaches = chance(85);
        for (int flow = 0; flow < flows; flow++) {
            Integer flowId = flows > 1 && !chance(3) ? flow : null;
            Integer sourcePort = flows > 1 || chance(30) ? 33434 + flow * 7 : null;
            boolean crosses = flow == 0 || chance(50);
            boolean walked = flow == 0 || chance(70);
            if (walked) {
                trace(run, version, localMtu, length, crosses ? narrowTtl : 0, narrowMtu, crosses ? secondTtl : 0,
                        secondMtu, method, reaches, flowId, sourcePort);
            } else {
                run.add(hop(run, ProbePhase.SIZE_SEARCH, method, 64, 1500, reaches ? HopOutcome.DESTINATION_REACHED
                        : HopOutcome.NO_REPLY, run.target.getAddress(), null, localMtu, flowId, sourcePort));
            }
        }
        if (chance(30)) {
            sizeSearch(run, version, localMtu, length, method);
        }
        if (chance(5)) {
            run.add(hop(run, ProbePhase.UNKNOWN, method, 0, 0, HopOutcome.OTHER, null, null, localMtu, null, null));
        }
        List<HopObservation> hops = run.hops;
        if (!hops.isEmpty() && !chance(6)) {
            HopObservation last = hops.get(hops.size() - 1);
            last.setLastInRun(true);
            Integer announced = chance(6) ? Integer.valueOf(hops.size() + 1 + random.nextInt(3))
                    : chance(10) ? null : Integer.valueOf(hops.size());
            last.setRunProbeCount(announced);
        }
    }

    private void trace(Run run, IpVersion version, Integer localMtu, int length, int narrowTtl, int narrowMtu,
                       int secondTtl, int secondMtu, ProbeMethod method, boolean reaches, Integer flow,
                       Integer sourcePort) {
        int size = localMtu == null ? (chance(50) ? 1500 : 0) : localMtu;
        for (int ttl = 1; ttl <= length; ttl++) {
            if (ttl == narrowTtl || ttl == secondTtl) {
                int mtu = ttl == narrowTtl ? narrowMtu : secondMtu;
                run.add(ptb(run, version, method, ttl, size, mtu, localMtu, flow, sourcePort));
                if (size == 0 || mtu < size) {
                    size = mtu;
                }
            }
            boolean last = ttl == length;
            HopOutcome outcome;
            String responder;
            if (last) {
                outcome = reaches ? HopOutcome.DESTINATION_REACHED : HopOutcome.NO_REPLY;
                responder = reaches ? run.target.getAddress() : null;
            } else {
                int roll = random.nextInt(100);
                outcome = roll < 80 ? HopOutcome.TIME_EXCEEDED : roll < 92 ? HopOutcome.NO_REPLY
                        : roll < 96 ? HopOutcome.ADMIN_FILTERED : HopOutcome.OTHER;
                responder = outcome == HopOutcome.NO_REPLY ? null : router(version, ttl, flow);
            }
            run.add(hop(run, ProbePhase.HOP_TRACE, method, ttl, size, outcome, responder, null, localMtu, flow,
                    sourcePort));
            if (chance(10)) {
                // A second attempt at the same TTL, sometimes answered differently.
                run.add(hop(run, ProbePhase.HOP_TRACE, method, ttl, size, chance(50) ? outcome : HopOutcome.NO_REPLY,
                        chance(50) ? responder : null, null, localMtu, flow, sourcePort));
            }
        }
    }

    private HopObservation ptb(Run run, IpVersion version, ProbeMethod method, int ttl, int size, int mtu,
                               Integer localMtu, Integer flow, Integer sourcePort) {
        String sender = router(version, ttl - 1 > 0 && chance(80) ? ttl - 1 : 90 + random.nextInt(5), flow);
        Integer reported = mtu;
        int roll = random.nextInt(100);
        if (roll < 4) {
            reported = null;
        } else if (roll < 7) {
            reported = 0;
        } else if (roll < 10) {
            reported = size + random.nextInt(10);
        } else if (roll < 13) {
            sender = null;
        }
        HopObservation ptb = hop(run, ProbePhase.HOP_TRACE, method, ttl, size, HopOutcome.PACKET_TOO_BIG, sender,
                reported, localMtu, flow, sourcePort);
        if (chance(5)) {
            ptb.setInvalidReason("quoted probe does not match: sent by another flow");
        }
        return ptb;
    }

    private void sizeSearch(Run run, IpVersion version, Integer localMtu, int length, ProbeMethod method) {
        int lowest = version == IpVersion.IPV6 ? 1280 : 576;
        int limit = localMtu == null ? 1500 : Math.min(localMtu, 1500);
        int hole = chance(60) ? lowest + random.nextInt(limit - lowest + 1) : limit + 1;
        int[] sizes = {lowest, (lowest + limit) / 2, hole - 1, hole, hole + 1, limit, limit - 8};
        for (int size : sizes) {
            if (size < lowest || size > limit) {
                continue;
            }
            int attempts = 1 + random.nextInt(3);
            for (int a = 0; a < attempts; a++) {
                boolean passes = size < hole || (chance(5) && a > 0);
                run.add(hop(run, ProbePhase.SIZE_SEARCH, method, 64, size, passes ? HopOutcome.DESTINATION_REACHED
                        : HopOutcome.NO_REPLY, passes ? run.target.getAddress() : null, null, localMtu, null, null));
            }
        }
        if (hole <= limit && chance(60)) {
            int holeTtl = 1 + random.nextInt(Math.max(1, length));
            boolean firstHopSilent = chance(15);
            for (int ttl = 1; ttl <= length; ttl++) {
                boolean answered = !firstHopSilent && ttl < holeTtl;
                run.add(hop(run, ProbePhase.BLACK_HOLE_LOCALIZATION, method, ttl, hole,
                        answered ? HopOutcome.TIME_EXCEEDED : HopOutcome.NO_REPLY,
                        answered ? router(version, ttl, null) : null, null, localMtu, null, null));
                if (chance(40)) {
                    boolean last = ttl == length;
                    run.add(hop(run, ProbePhase.BLACK_HOLE_LOCALIZATION, method, ttl, lowest,
                            last ? HopOutcome.DESTINATION_REACHED : HopOutcome.TIME_EXCEEDED,
                            last ? run.target.getAddress() : router(version, ttl, null), null, localMtu, null, null));
                }
            }
        }
    }

    private void passive(Run run, IpVersion version) {
        int count = 1 + random.nextInt(2);
        for (int i = 0; i < count; i++) {
            boolean tooBig = chance(70);
            int size = 1500;
            HopObservation o = hop(run, ProbePhase.PASSIVE, ProbeMethod.NONE, chance(50) ? 0 : 60, size,
                    tooBig ? HopOutcome.PACKET_TOO_BIG : HopOutcome.DESTINATION_REACHED,
                    tooBig ? router(version, 3, null) : run.target.getAddress(),
                    tooBig ? NARROW[random.nextInt(NARROW.length)] : null, chance(40) ? 1500 : null, null, null);
            o.setOrigin(chance(50) ? Origin.PASSIVE : Origin.REPLAY);
            o.setSequence(0);
            run.add(o);
        }
    }

    private HandshakeObservation handshake(Run run, IpVersion version) {
        Origin origin = pick(Origin.ACTIVE, Origin.ACTIVE, Origin.ACTIVE, Origin.PASSIVE, Origin.REPLAY,
                Origin.UNKNOWN);
        HandshakeOutcome outcome = pick(HandshakeOutcome.ESTABLISHED, HandshakeOutcome.ESTABLISHED,
                HandshakeOutcome.ESTABLISHED, HandshakeOutcome.ESTABLISHED, HandshakeOutcome.TIMEOUT,
                HandshakeOutcome.REFUSED, HandshakeOutcome.SYN_ONLY, HandshakeOutcome.ERROR);
        int headers = version == IpVersion.IPV6 ? 60 : 40;
        HandshakeObservation.Builder h = HandshakeObservation.newBuilder().setPathId(run.pathId).setRunId(run.runId)
                .setAgent(run.agent).setTarget(run.target).setClientAddress(address(version, 100, 2))
                .setClientPort(40000 + random.nextInt(1000)).setServerAddress(run.target.getAddress())
                .setServerPort(run.target.getPort())
                .setMssSent(chance(90) ? MSS[random.nextInt(MSS.length)] : null)
                .setMssReceived(outcome == HandshakeOutcome.ESTABLISHED && chance(95)
                        ? MSS[random.nextInt(MSS.length)] - (version == IpVersion.IPV6 ? 20 : 0) : null)
                .setRttMicros(chance(80) ? 1000L + random.nextInt(50_000) : null)
                .setOutcome(outcome)
                .setError(outcome == HandshakeOutcome.ERROR ? "connect: network unreachable" : null)
                .setMethod(pick(MssMethod.PCAP, MssMethod.TCP_INFO, MssMethod.CAPTURE, MssMethod.UNKNOWN))
                .setLocalMtu(chance(80) ? 1500 : null)
                .setTimestamp(run.zeroTime ? Instant.EPOCH : START.plusMillis(random.nextInt(5000)))
                .setOrigin(origin);
        if (chance(15)) {
            int before = 1460 - (version == IpVersion.IPV6 ? 20 : 0);
            h.setClampRouter(router(version, 2 + random.nextInt(4), null)).setClampTtl(chance(70) ? 3 : null)
                    .setMssBeforeClamp(before).setMssAfterClamp(chance(85) ? MSS[random.nextInt(MSS.length)] : null);
        }
        if (chance(20)) {
            h.setReturnPath(returnPath(version, headers));
        }
        return h.build();
    }

    private ReturnPath returnPath(IpVersion version, int headers) {
        ReturnPathMethod method = pick(ReturnPathMethod.PCAP, ReturnPathMethod.SOCKET_BYTES, ReturnPathMethod.CAPTURE);
        Boolean shrank = pick(Boolean.TRUE, Boolean.FALSE, null);
        int ptbMtu = chance(80) ? 1400 : 1280;
        return ReturnPath.newBuilder()
                .setMethod(method)
                .setOutcome(pick(ReturnPathOutcome.STALLED, ReturnPathOutcome.STALLED, ReturnPathOutcome.COMPLETE,
                        ReturnPathOutcome.NOT_EXERCISED, ReturnPathOutcome.NO_CONNECTION))
                .setTargetMss(chance(80) ? 1460 : null)
                .setLargestSegment(chance(70) ? 1200 + random.nextInt(200) : null)
                .setSegmentsReceived(random.nextInt(20))
                .setBytesReceived(random.nextInt(30_000))
                .setOutOfOrderSegments(chance(40) ? random.nextInt(5) : 0)
                .setPtbMtu(shrank == null && chance(50) ? null : ptbMtu)
                .setShrankAfterPtb(shrank)
                .setLargestAfterPtb(chance(80) ? ptbMtu - random.nextInt(2) * headers : null)
                .setSender(method == ReturnPathMethod.CAPTURE && chance(70) ? address(version, 150, 9) : null)
                .setPtbRouter(chance(70) ? router(version, 4, null) : null)
                .setOversizedAfterPtb(random.nextInt(4))
                .build();
    }

    private void duplicate(Run run) {
        if (run.hops.isEmpty()) {
            return;
        }
        HopObservation original = run.hops.get(random.nextInt(run.hops.size()));
        // A producer retry repeats the record; a buggy producer may repeat the probe with other contents.
        run.hops.add(chance(70) ? HopObservation.newBuilder(original).build()
                : HopObservation.newBuilder(original).setRttMicros(original.getRttMicros() == null ? 7L
                        : original.getRttMicros() + 1).build());
    }

    private HopObservation hop(Run run, ProbePhase phase, ProbeMethod method, int ttl, int size, HopOutcome outcome,
                               String responder, Integer mtu, Integer localMtu, Integer flow, Integer sourcePort) {
        int sequence = run.sequence++;
        return HopObservation.newBuilder().setPathId(run.pathId).setRunId(run.runId).setSequence(sequence)
                .setAgent(run.agent).setTarget(run.target).setPhase(phase).setMethod(method).setTtl(ttl)
                .setProbeSize(size).setOutcome(outcome).setResponder(responder).setReportedMtu(mtu)
                .setRttMicros(outcome == HopOutcome.NO_REPLY || chance(5) ? null : 100L + random.nextInt(90_000))
                .setLocalMtu(localMtu)
                .setTimestamp(run.zeroTime ? Instant.EPOCH : START.plusMillis(sequence * 3L + random.nextInt(3)))
                .setOrigin(Origin.ACTIVE).setFlow(flow).setSourcePort(sourcePort).build();
    }

    private static String router(IpVersion version, int ttl, Integer flow) {
        int member = flow == null ? 0 : flow;
        return version == IpVersion.IPV6 ? "2001:db8:" + member + ":" + ttl + "::1" : "10." + member + "." + ttl + ".1";
    }

    private static String address(IpVersion version, int net, int host) {
        return version == IpVersion.IPV6 ? "2001:db8:" + net + "::" + Integer.toHexString(host + 1)
                : "198.51." + net + "." + (host + 1);
    }

    private boolean chance(int percent) {
        return random.nextInt(100) < percent;
    }

    @SafeVarargs
    private <T> T pick(T... values) {
        return values[random.nextInt(values.length)];
    }

    private static final class Run {
        final Agent agent;
        final Target target;
        final String pathId;
        final String runId;
        final List<HopObservation> hops = new ArrayList<>();
        int sequence;
        boolean zeroTime;

        Run(Agent agent, Target target, String pathId, String runId) {
            this.agent = agent;
            this.target = target;
            this.pathId = pathId;
            this.runId = runId;
        }

        void add(HopObservation observation) {
            hops.add(observation);
        }
    }
}
