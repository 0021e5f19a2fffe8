package io.pmtuwatch.probe.trace;

import io.pmtuwatch.probe.socket.ProbeKind;
import io.pmtuwatch.probe.socket.ProbeNetwork;
import io.pmtuwatch.probe.socket.SocketException;
import io.pmtuwatch.probe.socket.TcpSynSocket;
import io.pmtuwatch.schemas.HopOutcome;
import io.pmtuwatch.schemas.ProbePhase;
import java.security.SecureRandom;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Set;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Traces the path MTU hop by hop, tracepath-style, and finds black holes.
 *
 * <ol>
 *   <li>Walk: one probe per TTL at the largest size believed to fit (first the interface MTU); a
 *       validated packet-too-big lowers the size and the same TTL is probed again. A healthy path
 *       costs one probe per hop plus one per MTU drop.</li>
 *   <li>When a TTL stays silent, a small control probe goes with the retry: if the control is
 *       answered and the big probe never is, big packets die before that hop with no ICMP: a
 *       black hole.</li>
 *   <li>Size search to the target ({@link SizeSearch}); ICMP echo when allowed, since Linux hosts do
 *       not rate-limit echo replies the way they do port unreachables.</li>
 *   <li>Localisation: oversized probes with growing TTL from the hop before the silence; the last
 *       one answered with time exceeded is the router in front of the narrow link.</li>
 *   <li>The walk resumes at the found PMTU, so the hops behind the black hole are listed too.</li>
 * </ol>
 * When the target answers no UDP (filtered), the walk continues with ICMP echo.
 */
public final class PathTracer {

    private static final Logger LOG = LoggerFactory.getLogger(PathTracer.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int SEARCH_TTL = 64;
    private static final int MAX_SILENT_HOPS = 3;
    private static final int MAX_SEARCH_ROUNDS = 40;
    private static final int MAX_SEARCH_PASSES = 3;
    private static final int LOCALISATION_PAUSES = 2;
    private static final long RATE_LIMIT_PAUSE_MILLIS = 1000;

    private final TraceSettings settings;
    private final ProbeNetwork network;

    /** A tracer that probes from the calling thread's network namespace. */
    public PathTracer(TraceSettings settings) {
        this(settings, ProbeNetwork.kernel());
    }

    /** A tracer whose probes go through {@code network} (a simulated path in tests). */
    public PathTracer(TraceSettings settings, ProbeNetwork network) {
        this.settings = settings;
        this.network = network;
    }

    /**
     * Traces the path to {@code target}. With the TCP fallback on, a UDP run whose target answered
     * nothing (neither UDP nor echo: a server that answers TCP only) is run again with TCP SYNs to the
     * target's port, when raw sockets are allowed; the result says so in its notes.
     */
    public TraceRun trace(InetAddress target) throws SocketException {
        long startNanos = network.nanoTime();
        long startedAt = network.currentTimeMillis();
        TraceRun run = trace(settings, target, startedAt, startNanos);
        if (settings.probeKind() != ProbeKind.UDP || !settings.tcpFallback() || run.targetAnswered()) {
            return run;
        }
        String silence = "the target answered none of " + run.probesSent() + " UDP / ICMP echo probes";
        try {
            TraceRun tcp = trace(settings.withTcp(settings.tcpPort()), target, startedAt, startNanos);
            LOG.debug("{}: TCP SYNs to port {} instead", silence, settings.tcpPort());
            return tcp.replacing(run)
                    .withNoteFirst(silence + ": measured with TCP SYNs to port " + settings.tcpPort() + " instead");
        } catch (SocketException e) {
            if (!e.notPermitted()) {
                throw e;
            }
            return run.withNoteFirst(silence + "; retrying with TCP SYNs to port " + settings.tcpPort()
                    + " was not possible: " + TcpSynSocket.NEEDS_CAP_NET_RAW);
        }
    }

    private TraceRun trace(TraceSettings settings, InetAddress target, long startedAt, long startNanos)
            throws SocketException {
        int nonce = settings.nonce().orElseGet(RANDOM::nextInt);
        try (ProbeSession session = new ProbeSession(network, target, settings, nonce)) {
            int localMtu = session.localMtu();
            Run first = new Run(session, 0, localMtu);
            first.execute();
            exploreFlows(session, first, localMtu);
            session.linger(settings.lingerMillis());
            return session.result(localMtu, startedAt, startNanos);
        }
    }

    private enum WalkEnd { REACHED, UNREACHABLE, SILENT, BLACK_HOLE, MAX_HOPS }

    /**
     * ECMP exploration, MDA-style: each further flow (its own source port, kept for all its probes)
     * sends one probe of the first flow's starting size to the target, and what happens to it is
     * compared with what happened to the first flow at that size: reached, refused by a packet-too-big
     * from router R with MTU M, or vanished (while small probes on the flow get through). Something
     * not seen before is another member: that flow is walked hop by hop like the first (PTB,
     * black-hole search, localisation), whether it is narrower or wider. Exploration stops once
     * {@code quietFlows} flows in a row showed nothing new, or at {@code flows}: a single path costs
     * {@code quietFlows} probes more than tracepath's walk.
     */
    private void exploreFlows(ProbeSession session, Run first, int startSize) throws SocketException {
        if (settings.flows() <= 1 || first.end != WalkEnd.REACHED || first.kind != session.primaryKind()) {
            return;
        }
        Set<String> members = new HashSet<>();
        members.add(first.firstNarrowing == null ? FITS : first.firstNarrowing);
        int quiet = 0;
        int more = 0;
        int pauses = 0;
        for (int flow = 1; flow < settings.flows() && quiet < settings.quietFlows(); flow++) {
            Optional<String> member = memberSignature(session, flow, startSize);
            if (member.isEmpty() && pauses < LOCALISATION_PAUSES) {
                // Nothing answered, not even the control: the target (or a router) is out of ICMP
                // tokens. Silence says nothing about the member: wait for a token, then go on.
                pauses++;
                session.sleep(RATE_LIMIT_PAUSE_MILLIS);
                continue;
            }
            if (member.isPresent() && members.add(member.get())) {
                LOG.debug("flow {} takes another member ({}): walking it", flow, member.get());
                new Run(session, flow, startSize).execute();
                more++;
                quiet = 0;
            } else {
                quiet++;
            }
        }
        if (more > 0) {
            session.note(more + " more equal-cost member(s) found over " + session.flowsUsed() + " flows");
        }
    }

    private static final String FITS = "fits";
    private static final String VANISHES = "big probes vanish";

    private static String ptbSignature(ProbeAnswer a) {
        return "packet-too-big " + a.responder() + " " + a.reportedMtu();
    }

    /**
     * What a probe of {@code size} to the target meets on {@code flow} (from the second try on with a
     * small control): {@link #FITS}, a packet-too-big's sender and MTU, or {@link #VANISHES}; empty
     * when nothing answered at all (rate limiting or loss say nothing about the member).
     */
    private Optional<String> memberSignature(ProbeSession session, int flow, int size) throws SocketException {
        int minSize = session.ipv6() ? 1280 : 68;
        int vanished = 0;
        for (int attempt = 0; attempt < settings.attempts(); attempt++) {
            Optional<SentProbe> big = session.send(session.primaryKind(), flow, SEARCH_TTL, size, ProbePhase.SIZE_SEARCH);
            if (big.isEmpty()) {
                return Optional.empty();
            }
            List<SentProbe> wait = new ArrayList<>(List.of(big.get()));
            Optional<SentProbe> control = attempt == 0 ? Optional.empty()
                    : session.send(session.primaryKind(), flow, SEARCH_TTL, minSize, ProbePhase.SIZE_SEARCH);
            control.ifPresent(wait::add);
            session.collect(session.primaryKind(), flow, wait, false);
            Optional<ProbeAnswer> answer = session.answer(big.get());
            if (answer.isPresent()) {
                ProbeAnswer a = answer.get();
                return switch (a.outcome()) {
                    case PACKET_TOO_BIG -> Optional.of(ptbSignature(a));
                    case DESTINATION_REACHED -> Optional.of(FITS);
                    default -> Optional.empty();
                };
            }
            if (control.map(c -> session.answeredWith(c, HopOutcome.DESTINATION_REACHED)).orElse(false)
                    && ++vanished >= 2) {
                return Optional.of(VANISHES);
            }
        }
        return Optional.empty();
    }

    /** State of one trace. */
    private final class Run {
        private final ProbeSession session;
        private final int flow;
        private final int minSize;
        private int size;
        private int ttl = 1;
        private int firstSilentTtl;
        private int blackHoleLostAttempts;
        private WalkEnd end;
        private ProbeKind kind;
        /** What first stopped a probe of the starting size: a PTB's sender and MTU, or vanishing. */
        private String firstNarrowing;

        /** The walk of ECMP flow {@code flow}, starting at {@code startSize}. */
        Run(ProbeSession session, int flow, int startSize) {
            this.session = session;
            this.flow = flow;
            this.minSize = session.ipv6() ? 1280 : 68;
            this.size = startSize;
            this.kind = session.primaryKind();
        }

        void execute() throws SocketException {
            end = walk(kind);
            for (int guard = 0; guard < 4; guard++) {
                if (end == WalkEnd.BLACK_HOLE) {
                    if (firstNarrowing == null) {
                        firstNarrowing = VANISHES;
                    }
                    int blackHoleTtl = ttl;
                    Optional<Integer> pmtu = findBlackHole(kind, blackHoleTtl, size);
                    if (pmtu.isEmpty()) {
                        session.note("black hole suspected at TTL " + blackHoleTtl + " but the target never answered the size search");
                        return;
                    }
                    size = pmtu.get();
                    ttl = blackHoleTtl;
                    end = walk(kind);
                } else if (end == WalkEnd.SILENT && kind == session.primaryKind() && flow == 0
                        && settings.icmpFallback() && session.echoSocket().isPresent()) {
                    session.note("no " + (kind == ProbeKind.UDP ? "UDP" : "TCP") + " answer from TTL " + firstSilentTtl
                            + " on: continued with ICMP echo");
                    kind = ProbeKind.ICMP_ECHO;
                    ttl = firstSilentTtl;
                    end = walk(kind);
                } else {
                    return;
                }
            }
        }

        /** Walks TTLs from {@link #ttl} at {@link #size}. */
        private WalkEnd walk(ProbeKind kind) throws SocketException {
            int silentHops = 0;
            for (; ttl <= settings.maxHops(); ttl++) {
                HopResult hop = probeHop(kind);
                switch (hop) {
                    case REACHED:
                        return WalkEnd.REACHED;
                    case UNREACHABLE:
                        return WalkEnd.UNREACHABLE;
                    case BLACK_HOLE:
                        return WalkEnd.BLACK_HOLE;
                    case SILENT:
                        if (silentHops == 0) {
                            firstSilentTtl = ttl;
                        }
                        if (++silentHops >= MAX_SILENT_HOPS) {
                            return WalkEnd.SILENT;
                        }
                        break;
                    default:
                        silentHops = 0;
                }
            }
            return WalkEnd.MAX_HOPS;
        }

        private enum HopResult { ROUTER, REACHED, UNREACHABLE, SILENT, BLACK_HOLE }

        /** Probes one TTL until a router or the target answers at the size that fits. */
        private HopResult probeHop(ProbeKind kind) throws SocketException {
            int attempts = 0;
            boolean controlAnswered = false;
            SentProbe control = null;
            int ptbGuard = 0;
            while (attempts < settings.attempts()) {
                Optional<SentProbe> sentBig = session.send(kind, flow, ttl, size, ProbePhase.HOP_TRACE);
                if (sentBig.isEmpty()) {
                    size = session.localMtu();
                    continue;
                }
                SentProbe big = sentBig.get();
                if (attempts >= 1 && size > minSize && !controlAnswered) {
                    control = session.send(kind, flow, ttl, minSize, ProbePhase.HOP_TRACE).orElse(null);
                }
                session.collect(kind, flow, List.of(big), false);
                if (control != null && !controlAnswered) {
                    controlAnswered = session.answer(control).filter(ProbeAnswer::valid)
                            .map(a -> a.outcome() == HopOutcome.TIME_EXCEEDED
                                    || a.outcome() == HopOutcome.DESTINATION_REACHED).orElse(false);
                }
                Optional<ProbeAnswer> answer = session.answer(big);
                if (answer.isEmpty()) {
                    attempts++;
                    continue;
                }
                ProbeAnswer a = answer.get();
                if (a.localError()) {
                    size = a.reportedMtu() != null ? Math.min(size - 1, a.reportedMtu()) : size - 1;
                    continue;
                }
                switch (a.outcome()) {
                    case PACKET_TOO_BIG:
                        if (firstNarrowing == null) {
                            firstNarrowing = ptbSignature(a);
                        }
                        // Validated: below the probe size and at least the minimum. Never raises the size.
                        size = Math.min(size, a.reportedMtu());
                        if (++ptbGuard > 8) {
                            return HopResult.UNREACHABLE;
                        }
                        attempts = 0;
                        continue;
                    case TIME_EXCEEDED:
                        return HopResult.ROUTER;
                    case DESTINATION_REACHED:
                        return HopResult.REACHED;
                    default:
                        return HopResult.UNREACHABLE;
                }
            }
            if (controlAnswered) {
                blackHoleLostAttempts = attempts;
                if (control != null && session.answeredWith(control, HopOutcome.DESTINATION_REACHED)) {
                    // The target itself is at this TTL: it answers small probes but not big ones.
                    LOG.debug("target at TTL {} answers only small probes", ttl);
                }
                return HopResult.BLACK_HOLE;
            }
            return HopResult.SILENT;
        }

        /**
         * Size search, then localisation with the smallest size the search saw vanish. Should an
         * "oversized" probe reach the target after all (the search took loss for size), that size
         * fits: the search goes on above it and localisation starts again.
         *
         * @return the PMTU found; empty when the target never answered the size search
         */
        private Optional<Integer> findBlackHole(ProbeKind kind, int silentTtl, int lostSize) throws SocketException {
            // Echo has no flow of its own (another member may carry it): other flows search with their
            // own kind. A TCP run searches with TCP: its target is known to answer TCP, maybe nothing else.
            ProbeKind primary = session.primaryKind();
            ProbeKind searchKind = primary == ProbeKind.UDP && flow == 0 && settings.echoSizeSearch()
                    && session.echoSocket().isPresent() ? ProbeKind.ICMP_ECHO : primary;
            // Echo replies, SYN-ACKs and RSTs are not rate limited: many candidates per round. Port
            // unreachables are (about 6, then 1/s): few per round, so tokens go to the sizes that matter.
            int perRound = searchKind == ProbeKind.UDP ? 3 : 24;
            SizeSearch search = new SizeSearch(minSize, lostSize, blackHoleLostAttempts, perRound, settings.attempts());
            for (int pass = 0; pass < MAX_SEARCH_PASSES; pass++) {
                searchSize(search, searchKind);
                if (search.largestOk() == 0) {
                    return Optional.empty();
                }
                int oversized = search.smallestLost().orElse(lostSize);
                if (localise(kind, silentTtl, oversized, search.requiredConfirmations()) != Localisation.TARGET_ANSWERED) {
                    break;
                }
                LOG.debug("a {}-byte probe reached the target: the size search took loss for size", oversized);
                search.confirmFits(oversized);
                if (search.smallestLost().isEmpty()) {
                    break; // nothing known to vanish any more: no size left to localise with
                }
            }
            return Optional.of(search.largestOk());
        }

        /** Rounds of the size search until it ends. */
        private void searchSize(SizeSearch search, ProbeKind kind) throws SocketException {
            for (int round = 0; round < MAX_SEARCH_ROUNDS && !search.done() && !search.failed(); round++) {
                if (round > 0 && search.lastRoundSilent()) {
                    // Nothing answered, not even the control: rate limiting or loss, not size. Let the
                    // responder's token bucket refill before asking again.
                    sleep(kind == ProbeKind.UDP ? RATE_LIMIT_PAUSE_MILLIS : 50);
                }
                List<Integer> sizes = search.nextRound();
                List<SentProbe> probes = new ArrayList<>();
                List<Integer> sentSizes = new ArrayList<>();
                for (int s : sizes) {
                    Optional<SentProbe> p = session.send(kind, flow, SEARCH_TTL, s, ProbePhase.SIZE_SEARCH);
                    if (p.isPresent()) {
                        probes.add(p.get());
                        sentSizes.add(s);
                    }
                }
                if (probes.isEmpty()) {
                    return;
                }
                session.collect(kind, flow, probes.subList(0, 1), true);
                List<Boolean> answered = probes.stream()
                        .map(p -> session.answeredWith(p, HopOutcome.DESTINATION_REACHED)).toList();
                search.record(sentSizes, answered);
                LOG.debug("size search round {}: {} -> {}", round, sentSizes, answered);
            }
        }

        private enum Localisation { ROUTER_FOUND, NO_ROUTER_ANSWERED, TARGET_ANSWERED }

        /** What became of oversized probes at one TTL. */
        private enum OversizedFate { ROUTER_ANSWERED, TARGET_ANSWERED, DIES, SILENT }

        /**
         * Oversized probes with growing TTL from the hop before the silence: the last TTL that answers
         * time exceeded is the router that cannot forward them.
         */
        private Localisation localise(ProbeKind kind, int silentTtl, int oversized, int votes) throws SocketException {
            // Downwards first: the hop before the silence may itself be silent (it filters, or it is out
            // of ICMP tokens after earlier probes), so find the highest hop that does answer...
            int last = 0;
            for (int t = Math.max(1, silentTtl - 1); t >= 1 && last == 0; t--) {
                OversizedFate fate = oversizedFate(kind, t, oversized, votes);
                if (fate == OversizedFate.TARGET_ANSWERED) {
                    return Localisation.TARGET_ANSWERED;
                }
                if (fate == OversizedFate.ROUTER_ANSWERED) {
                    last = t;
                }
            }
            if (last == 0) {
                return Localisation.NO_ROUTER_ANSWERED;
            }
            // ...then upwards until oversized probes die.
            for (int t = last + 1; t <= settings.maxHops(); t++) {
                OversizedFate fate = oversizedFate(kind, t, oversized, votes);
                if (fate == OversizedFate.TARGET_ANSWERED) {
                    return Localisation.TARGET_ANSWERED;
                }
                if (fate != OversizedFate.ROUTER_ANSWERED) {
                    return Localisation.ROUTER_FOUND;
                }
            }
            return Localisation.ROUTER_FOUND;
        }

        /**
         * Oversized probes at TTL {@code t}; from the second on, each followed by a small control.
         * An unanswered oversized probe whose control (sent after it) is answered is a vote for "dies
         * here": the router had an ICMP token for it, so size or loss took it, and {@code votes} of
         * those (as many as the size search needed against the loss it saw) decide. When neither is
         * answered the router is out of ICMP tokens (Linux: a burst of about 6, then 1/s per peer;
         * other traces through it spend them too) or filters: that says nothing, so pause for a token.
         */
        private OversizedFate oversizedFate(ProbeKind kind, int t, int oversized, int votes) throws SocketException {
            int diesVotes = 0;
            int pauses = 0;
            for (int attempt = 0; attempt < votes + LOCALISATION_PAUSES + 2; attempt++) {
                Optional<SentProbe> big = session.send(kind, flow, t, oversized, ProbePhase.BLACK_HOLE_LOCALIZATION);
                if (big.isEmpty()) {
                    return OversizedFate.SILENT;
                }
                List<SentProbe> wait = new ArrayList<>(List.of(big.get()));
                // The first try goes alone: a router that answers it need not spend a token on a control.
                Optional<SentProbe> control = attempt == 0 ? Optional.empty()
                        : session.send(kind, flow, t, minSize, ProbePhase.BLACK_HOLE_LOCALIZATION);
                control.ifPresent(wait::add);
                session.collect(kind, flow, wait, false);
                Optional<ProbeAnswer> answer = session.answer(big.get());
                if (answer.isPresent()) {
                    return switch (answer.get().outcome()) {
                        case TIME_EXCEEDED -> OversizedFate.ROUTER_ANSWERED;
                        case DESTINATION_REACHED -> OversizedFate.TARGET_ANSWERED;
                        default -> OversizedFate.DIES;
                    };
                }
                if (control.flatMap(session::answer).isPresent()) {
                    if (++diesVotes >= votes) {
                        return OversizedFate.DIES;
                    }
                } else if (attempt > 0) {
                    if (++pauses > LOCALISATION_PAUSES) {
                        break;
                    }
                    sleep(RATE_LIMIT_PAUSE_MILLIS);
                }
            }
            return diesVotes > 0 ? OversizedFate.DIES : OversizedFate.SILENT;
        }

        private void sleep(long millis) {
            session.sleep(millis);
        }
    }
}
