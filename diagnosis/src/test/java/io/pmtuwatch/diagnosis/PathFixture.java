package io.pmtuwatch.diagnosis;

import io.pmtuwatch.schemas.Agent;
import io.pmtuwatch.schemas.HandshakeObservation;
import io.pmtuwatch.schemas.HandshakeOutcome;
import io.pmtuwatch.schemas.HopObservation;
import io.pmtuwatch.schemas.HopOutcome;
import io.pmtuwatch.schemas.IpVersion;
import io.pmtuwatch.schemas.MssMethod;
import io.pmtuwatch.schemas.Origin;
import io.pmtuwatch.schemas.PathDiagnosis;
import io.pmtuwatch.schemas.PathIds;
import io.pmtuwatch.schemas.ProbeMethod;
import io.pmtuwatch.schemas.ProbePhase;
import io.pmtuwatch.schemas.Target;
import io.pmtuwatch.schemas.Transport;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Builds one run of observations the way a probe would report them: each call adds the next probe
 * (sequence numbers count up), {@link #observations()} marks the last one. Addresses are derived from
 * the TTL so tests can name routers without spelling them out: {@link #router(int)}.
 */
public final class PathFixture {

    public static final Instant START = Instant.parse("2025-03-01T10:00:00Z");

    private final IpVersion version;
    private final int port;
    private final Transport transport;
    private Integer localMtu;
    private final List<HopObservation> probes = new ArrayList<>();
    private String invalidReason;

    private PathFixture(IpVersion version, int port, Transport transport, Integer localMtu) {
        this.version = version;
        this.port = port;
        this.transport = transport;
        this.localMtu = localMtu;
    }

    public static PathFixture ipv4() {
        return new PathFixture(IpVersion.IPV4, 443, Transport.TCP, 1500);
    }

    public static PathFixture ipv6() {
        return new PathFixture(IpVersion.IPV6, 443, Transport.TCP, 1500);
    }

    public static PathFixture of(IpVersion version) {
        return version == IpVersion.IPV6 ? ipv6() : ipv4();
    }

    public PathFixture dns() {
        return new PathFixture(version, 53, Transport.TCP, localMtu);
    }

    public PathFixture udp() {
        return new PathFixture(version, 33434, Transport.UDP, localMtu);
    }

    public PathFixture localMtu(Integer mtu) {
        this.localMtu = mtu;
        return this;
    }

    public String router(int ttl) {
        return version == IpVersion.IPV6 ? "2001:db8:" + ttl + "::1" : "10.0." + ttl + ".1";
    }

    public String targetAddress() {
        return version == IpVersion.IPV6 ? "2001:db8:ffff::7" : "192.0.2.7";
    }

    public Target target() {
        return Target.newBuilder().setHost("example.test").setAddress(targetAddress()).setPort(port)
                .setIpVersion(version).setTransport(transport).build();
    }

    public String pathId() {
        return PathIds.of("agent-1", target());
    }

    // ---- hop trace -------------------------------------------------------------------------------

    public PathFixture timeExceeded(int ttl, int size) {
        return add(ProbePhase.HOP_TRACE, ttl, size, HopOutcome.TIME_EXCEEDED, router(ttl), null);
    }

    /** The router at {@code routerTtl} refuses a probe sent with TTL routerTtl + 1 (tracepath order). */
    public PathFixture ptb(int routerTtl, int size, int mtu) {
        return add(ProbePhase.HOP_TRACE, routerTtl + 1, size, HopOutcome.PACKET_TOO_BIG, router(routerTtl), mtu);
    }

    public PathFixture ptbFrom(String responder, int ttl, int size, Integer mtu) {
        return add(ProbePhase.HOP_TRACE, ttl, size, HopOutcome.PACKET_TOO_BIG, responder, mtu);
    }

    /** A packet-too-big caught by a passive sensor: no run, no position on the path. */
    public PathFixture passivePtb(String responder, int quotedSize, int mtu) {
        add(ProbePhase.PASSIVE, 0, quotedSize, HopOutcome.PACKET_TOO_BIG, responder, mtu);
        int last = probes.size() - 1;
        probes.set(last, HopObservation.newBuilder(probes.get(last)).setRunId(null).setMethod(ProbeMethod.NONE)
                .setOrigin(Origin.PASSIVE).setLastInRun(true).setRttMicros(null).build());
        return this;
    }

    public PathFixture invalidPtb(int routerTtl, int size, int mtu, String reason) {
        invalidReason = reason;
        return ptb(routerTtl, size, mtu);
    }

    public PathFixture silent(int ttl, int size) {
        return add(ProbePhase.HOP_TRACE, ttl, size, HopOutcome.NO_REPLY, null, null);
    }

    public PathFixture reached(int ttl, int size) {
        return add(ProbePhase.HOP_TRACE, ttl, size, HopOutcome.DESTINATION_REACHED, targetAddress(), null);
    }

    /** Hops 1..lastTtl answer at {@code size}; then the target answers at lastTtl + 1. */
    public PathFixture cleanTrace(int lastRouterTtl, int size) {
        for (int ttl = 1; ttl <= lastRouterTtl; ttl++) {
            timeExceeded(ttl, size);
        }
        return reached(lastRouterTtl + 1, size);
    }

    // ---- size search and black-hole localisation -------------------------------------------------

    public PathFixture searchReached(int size) {
        return add(ProbePhase.SIZE_SEARCH, 64, size, HopOutcome.DESTINATION_REACHED, targetAddress(), null);
    }

    public PathFixture searchLost(int size) {
        return add(ProbePhase.SIZE_SEARCH, 64, size, HopOutcome.NO_REPLY, null, null);
    }

    /** A size-search probe that drew some other answer (admin filtered, another ICMP error). */
    public PathFixture searchAnswered(int size, HopOutcome outcome, String responder) {
        return add(ProbePhase.SIZE_SEARCH, 64, size, outcome, responder, null);
    }

    /** Several attempts at one size: true = the target answered, false = no reply. */
    public PathFixture searchAttempts(int size, boolean... answered) {
        for (boolean reply : answered) {
            if (reply) {
                searchReached(size);
            } else {
                searchLost(size);
            }
        }
        return this;
    }

    public PathFixture localizeAnswered(int ttl, int size) {
        return add(ProbePhase.BLACK_HOLE_LOCALIZATION, ttl, size, HopOutcome.TIME_EXCEEDED, router(ttl), null);
    }

    public PathFixture localizeSilent(int ttl, int size) {
        return add(ProbePhase.BLACK_HOLE_LOCALIZATION, ttl, size, HopOutcome.NO_REPLY, null, null);
    }

    public int headers() {
        return version == IpVersion.IPV6 ? 60 : 40;
    }

    // ---- handshakes -----------------------------------------------------------------------------

    public HandshakeObservation handshake(Integer mssSent, Integer mssReceived) {
        return HandshakeObservation.newBuilder()
                .setPathId(pathId())
                .setRunId("run-1")
                .setAgent(agent())
                .setTarget(target())
                .setClientAddress(version == IpVersion.IPV6 ? "2001:db8::100" : "198.51.100.1")
                .setClientPort(40000)
                .setServerAddress(targetAddress())
                .setServerPort(port)
                .setMssSent(mssSent)
                .setMssReceived(mssReceived)
                .setOutcome(mssReceived == null ? HandshakeOutcome.TIMEOUT : HandshakeOutcome.ESTABLISHED)
                .setMethod(MssMethod.PCAP)
                .setLocalMtu(localMtu)
                .setTimestamp(START.plusMillis(500))
                .setOrigin(Origin.ACTIVE)
                .build();
    }

    /** A handshake seen by a passive sensor: some client's SYN, maybe without the SYN-ACK. */
    public HandshakeObservation capturedHandshake(Integer mssSent, Integer mssReceived) {
        return HandshakeObservation.newBuilder(handshake(mssSent, mssReceived))
                .setRunId(null)
                .setOrigin(Origin.PASSIVE)
                .setMethod(MssMethod.CAPTURE)
                .setOutcome(mssReceived == null ? HandshakeOutcome.SYN_ONLY : HandshakeOutcome.ESTABLISHED)
                .build();
    }

    /** A handshake in which both ends advertise {@code mss}. */
    public Optional<HandshakeObservation> handshake(int mss) {
        return Optional.of(handshake(mss, mss));
    }

    // ---- output ---------------------------------------------------------------------------------

    /** The run as the producer sends it: last record marked, with the run's probe count. */
    public List<HopObservation> observations() {
        List<HopObservation> run = new ArrayList<>(probes);
        if (!run.isEmpty()) {
            int last = run.size() - 1;
            run.set(last, HopObservation.newBuilder(run.get(last)).setLastInRun(true).setRunProbeCount(run.size())
                    .build());
        }
        return run;
    }

    public PathDiagnosis diagnose(Optional<HandshakeObservation> handshake) {
        return new PathDiagnoser().diagnose(observations(), handshake, DiagnosisContext.completeRun());
    }

    public PathDiagnosis diagnose(Integer mssSent, Integer mssReceived) {
        return diagnose(Optional.of(handshake(mssSent, mssReceived)));
    }

    private Agent agent() {
        return Agent.newBuilder().setId("agent-1").setName("fra-edge-1").setLocation("Frankfurt, DE").build();
    }

    private PathFixture add(ProbePhase phase, int ttl, int size, HopOutcome outcome, String responder,
            Integer mtu) {
        int sequence = probes.size();
        probes.add(HopObservation.newBuilder()
                .setPathId(pathId())
                .setRunId("run-1")
                .setSequence(sequence)
                .setAgent(agent())
                .setTarget(target())
                .setPhase(phase)
                .setMethod(ProbeMethod.UDP)
                .setTtl(ttl)
                .setProbeSize(size)
                .setOutcome(outcome)
                .setResponder(responder)
                .setReportedMtu(mtu)
                .setInvalidReason(invalidReason)
                .setRttMicros(responder == null ? null : 1000L * ttl)
                .setLocalMtu(localMtu)
                .setTimestamp(START.plusMillis(10L * sequence))
                .setOrigin(Origin.ACTIVE)
                .build());
        invalidReason = null;
        return this;
    }
}
