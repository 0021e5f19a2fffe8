package io.pmtuwatch.probe.trace;

import io.pmtuwatch.probe.socket.ProbeKind;
import io.pmtuwatch.probe.socket.ProbeNetwork;
import io.pmtuwatch.probe.socket.SocketException;
import io.pmtuwatch.schemas.HopOutcome;
import io.pmtuwatch.schemas.ProbePhase;
import java.security.SecureRandom;
import java.net.InetAddress;
import java.util.ArrayList;
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

    /** Traces the path to {@code target}. */
    public TraceRun trace(InetAddress target) throws SocketException {
        long startNanos = network.nanoTime();
        long startedAt = network.currentTimeMillis();
        int nonce = settings.nonce().orElseGet(RANDOM::nextInt);
        try (ProbeSession session = new ProbeSession(network, target, settings, nonce)) {
            int localMtu = session.localMtu();
            new Run(session, localMtu).execute();
            session.linger(settings.lingerMillis());
            return session.result(localMtu, startedAt, startNanos);
        }
    }

    private enum WalkEnd { REACHED, UNREACHABLE, SILENT, BLACK_HOLE, MAX_HOPS }

    /** State of one trace. */
    private final class Run {
        private final ProbeSession session;
        private final int minSize;
        private int size;
        private int ttl = 1;
        private int firstSilentTtl;
        private int blackHoleLostAttempts;

        Run(ProbeSession session, int localMtu) {
            this.session = session;
            this.minSize = session.ipv6() ? 1280 : 68;
            this.size = localMtu;
        }

        void execute() throws SocketException {
            ProbeKind kind = ProbeKind.UDP;
            WalkEnd end = walk(kind);
            for (int guard = 0; guard < 4; guard++) {
                if (end == WalkEnd.BLACK_HOLE) {
                    int blackHoleTtl = ttl;
                    Optional<Integer> pmtu = findBlackHole(kind, blackHoleTtl, size);
                    if (pmtu.isEmpty()) {
                        session.note("black hole suspected at TTL " + blackHoleTtl + " but the target never answered the size search");
                        return;
                    }
                    size = pmtu.get();
                    ttl = blackHoleTtl;
                    end = walk(kind);
                } else if (end == WalkEnd.SILENT && kind == ProbeKind.UDP && settings.icmpFallback()
                        && session.echoSocket().isPresent()) {
                    session.note("no UDP answer from TTL " + firstSilentTtl + " on: continued with ICMP echo");
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
                Optional<SentProbe> sentBig = session.send(kind, ttl, size, ProbePhase.HOP_TRACE);
                if (sentBig.isEmpty()) {
                    size = session.localMtu();
                    continue;
                }
                SentProbe big = sentBig.get();
                if (attempts >= 1 && size > minSize && !controlAnswered) {
                    control = session.send(kind, ttl, minSize, ProbePhase.HOP_TRACE).orElse(null);
                }
                session.collect(kind, List.of(big), false);
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
            ProbeKind searchKind = settings.echoSizeSearch() && session.echoSocket().isPresent() ? ProbeKind.ICMP_ECHO
                    : ProbeKind.UDP;
            // Echo replies are not rate limited: many candidates per round. Port unreachables are
            // (about 6, then 1/s): few per round, so tokens go to the sizes that matter.
            int perRound = searchKind == ProbeKind.ICMP_ECHO ? 24 : 3;
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
                    Optional<SentProbe> p = session.send(kind, SEARCH_TTL, s, ProbePhase.SIZE_SEARCH);
                    if (p.isPresent()) {
                        probes.add(p.get());
                        sentSizes.add(s);
                    }
                }
                if (probes.isEmpty()) {
                    return;
                }
                session.collect(kind, probes.subList(0, 1), true);
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
                Optional<SentProbe> big = session.send(kind, t, oversized, ProbePhase.BLACK_HOLE_LOCALIZATION);
                if (big.isEmpty()) {
                    return OversizedFate.SILENT;
                }
                List<SentProbe> wait = new ArrayList<>(List.of(big.get()));
                // The first try goes alone: a router that answers it need not spend a token on a control.
                Optional<SentProbe> control = attempt == 0 ? Optional.empty()
                        : session.send(kind, t, minSize, ProbePhase.BLACK_HOLE_LOCALIZATION);
                control.ifPresent(wait::add);
                session.collect(kind, wait, false);
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
