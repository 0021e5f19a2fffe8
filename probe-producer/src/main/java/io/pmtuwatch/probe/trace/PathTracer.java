package io.pmtuwatch.probe.trace;

import io.pmtuwatch.probe.socket.ProbeKind;
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
    private static final long RATE_LIMIT_PAUSE_MILLIS = 1000;

    private final TraceSettings settings;

    public PathTracer(TraceSettings settings) {
        this.settings = settings;
    }

    /** Traces the path to {@code target} from the calling thread's network namespace. */
    public TraceRun trace(InetAddress target) throws SocketException {
        long startNanos = System.nanoTime();
        long startedAt = System.currentTimeMillis();
        int nonce = settings.nonce().orElseGet(RANDOM::nextInt);
        try (ProbeSession session = new ProbeSession(target, settings, nonce)) {
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
                    int lostSize = size;
                    int blackHoleTtl = ttl;
                    Optional<Integer> pmtu = searchSize(lostSize);
                    if (pmtu.isEmpty()) {
                        session.note("black hole suspected at TTL " + blackHoleTtl + " but the target never answered the size search");
                        return;
                    }
                    localise(kind, blackHoleTtl, lostSize, pmtu.get());
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

        /** Largest size that reaches the target, below {@code lostSize}; empty when the target never answers. */
        private Optional<Integer> searchSize(int lostSize) throws SocketException {
            ProbeKind kind = settings.echoSizeSearch() && session.echoSocket().isPresent() ? ProbeKind.ICMP_ECHO
                    : ProbeKind.UDP;
            // Echo replies are not rate limited: many candidates per round. Port unreachables are
            // (about 6, then 1/s): few per round, so tokens go to the sizes that matter.
            int perRound = kind == ProbeKind.ICMP_ECHO ? 24 : 3;
            SizeSearch search = new SizeSearch(minSize, lostSize, blackHoleLostAttempts, perRound,
                    settings.attempts());
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
                session.collect(kind, probes.subList(0, 1), true);
                List<Boolean> answered = probes.stream()
                        .map(p -> session.answeredWith(p, HopOutcome.DESTINATION_REACHED)).toList();
                search.record(sentSizes, answered);
                LOG.debug("size search round {}: {} -> {}", round, sentSizes, answered);
            }
            if (search.largestOk() == 0) {
                return Optional.empty();
            }
            return Optional.of(search.largestOk());
        }

        /**
         * Oversized probes ({@code lostSize}) with growing TTL from the hop before the silence: the
         * last TTL that answers time exceeded is the router that cannot forward them.
         */
        private void localise(ProbeKind kind, int silentTtl, int lostSize, int pmtu) throws SocketException {
            int oversized = Math.min(lostSize, pmtu + 1);
            // Downwards first: the hop before the silence may itself be silent (it filters, or it is out
            // of ICMP tokens after earlier probes), so find the highest hop that does answer...
            int last = 0;
            for (int t = Math.max(1, silentTtl - 1); t >= 1 && last == 0; t--) {
                if (answersOversized(kind, t, oversized)) {
                    last = t;
                }
            }
            if (last == 0) {
                return;
            }
            // ...then upwards until oversized probes die.
            for (int t = last + 1; t <= settings.maxHops(); t++) {
                if (!answersOversized(kind, t, oversized)) {
                    return;
                }
            }
        }

        /** True when the router at {@code t} answers an oversized probe with time exceeded (several tries: loss). */
        private boolean answersOversized(ProbeKind kind, int t, int oversized) throws SocketException {
            for (int attempt = 0; attempt < settings.attempts(); attempt++) {
                Optional<SentProbe> p = session.send(kind, t, oversized, ProbePhase.BLACK_HOLE_LOCALIZATION);
                if (p.isEmpty()) {
                    return false;
                }
                session.collect(kind, p.stream().toList(), false);
                Optional<ProbeAnswer> answer = session.answer(p.get());
                if (answer.isPresent()) {
                    return answer.get().outcome() == HopOutcome.TIME_EXCEEDED;
                }
            }
            return false;
        }

        private void sleep(long millis) {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
