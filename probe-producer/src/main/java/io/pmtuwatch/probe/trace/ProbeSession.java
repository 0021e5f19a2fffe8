package io.pmtuwatch.probe.trace;

import io.pmtuwatch.linux.LinuxNet;
import io.pmtuwatch.probe.socket.ProbeKind;
import io.pmtuwatch.probe.socket.ProbeNetwork;
import io.pmtuwatch.probe.socket.ProbeTransport;
import io.pmtuwatch.probe.socket.SocketEvent;
import io.pmtuwatch.probe.socket.SocketException;
import io.pmtuwatch.schemas.HopOutcome;
import io.pmtuwatch.schemas.ProbeMethod;
import io.pmtuwatch.schemas.ProbePhase;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The I/O half of a trace: the run's transports (its primary kind, UDP or TCP, one per ECMP flow;
 * ICMP echo opened on first use) from a {@link ProbeNetwork}, sending probes with ids, collecting
 * and classifying answers, the RTT-based timeout, the clock. The strategy lives in {@link PathTracer}.
 */
final class ProbeSession implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ProbeSession.class);
    private static final int SEND_RETRIES = 10;

    private final InetAddress target;
    private final TraceSettings settings;
    private final int nonce;
    private final ProbeNetwork network;
    private final ProbeKind primaryKind;
    private final ProbeTransport primary;
    private final List<ProbeTransport> flows = new ArrayList<>();
    private ProbeTransport echo;
    private boolean echoUnavailable;
    private final Map<ProbeKind, AnswerClassifier> classifiers = new HashMap<>();
    private final Map<Integer, SentProbe> sent = new LinkedHashMap<>();
    private final Map<ProbeKind, Map<Integer, SentProbe>> sentByKind = new HashMap<>();
    private final Map<Integer, ProbeAnswer> answers = new HashMap<>();
    private final List<ProbeAnswer> rejected = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private long maxRttNanos = -1;
    private int nextSequence;
    private static final int MAX_IP_PACKET = 65_535;

    private int localMtu = -1;

    ProbeSession(ProbeNetwork network, InetAddress target, TraceSettings settings, int nonce) throws SocketException {
        this.network = network;
        this.target = target;
        this.settings = settings;
        this.nonce = nonce;
        this.primaryKind = settings.probeKind();
        this.primary = openFlow(0);
        flows.add(primary);
        classifiers.put(primaryKind, new AnswerClassifier(primary.target(), nonce));
    }

    boolean ipv6() {
        return primary.ipv6();
    }

    /** What the run's flows send: UDP, or TCP SYNs. */
    ProbeKind primaryKind() {
        return primaryKind;
    }

    /**
     * The interface MTU, capped at 65535: no IP packet is larger (loopback says 65536, and a probe of
     * that size fails with EMSGSIZE), and the contract's MTU fields stop at 65535.
     */
    int localMtu() throws SocketException {
        if (localMtu < 0) {
            localMtu = Math.min(primary.localMtu(), MAX_IP_PACKET);
        }
        return localMtu;
    }

    /**
     * The transport of ECMP flow {@code flow}, opened on first use. A flow keeps its source port
     * for every TTL and size (Paris-style), so a per-flow hash keeps all its probes on one member.
     */
    ProbeTransport flow(int flow) throws SocketException {
        while (flows.size() <= flow) {
            flows.add(openFlow(flows.size()));
        }
        return flows.get(flow);
    }

    private ProbeTransport openFlow(int flow) throws SocketException {
        int port = FlowPorts.sourcePort(settings, target, flow);
        int destination = settings.destinationPort();
        try {
            return network.open(primaryKind, target, destination, port);
        } catch (SocketException e) {
            if (port == 0 || e.errno() != FlowPorts.EADDRINUSE) {
                throw e;
            }
            // Someone holds the flow's usual port: a random one still separates the flows, only
            // not the same ones as in other runs.
            LOG.debug("source port {} in use, flow {} takes a random one", port, flow);
            return network.open(primaryKind, target, destination, 0);
        }
    }

    /** The ICMP echo socket, opened on first use; empty when ping sockets are not allowed here. */
    Optional<ProbeTransport> echoSocket() {
        if (echo == null && !echoUnavailable) {
            try {
                echo = network.open(ProbeKind.ICMP_ECHO, target, 0, 0);
                classifiers.put(ProbeKind.ICMP_ECHO, new AnswerClassifier(echo.target(), nonce));
            } catch (SocketException e) {
                echoUnavailable = true;
                notes.add("ICMP echo unavailable (" + e.getMessage() + "; see net.ipv4.ping_group_range)");
            }
        }
        return Optional.ofNullable(echo);
    }

    private ProbeTransport socket(ProbeKind kind, int flow) throws SocketException {
        return kind == primaryKind ? flow(flow) : echoSocket().orElseThrow();
    }

    /** Sends one probe of the run's first flow; empty when our own stack refused the size (EMSGSIZE). */
    Optional<SentProbe> send(ProbeKind kind, int ttl, int size, ProbePhase phase) throws SocketException {
        return send(kind, 0, ttl, size, phase);
    }

    /**
     * Sends one probe on ECMP flow {@code flow} (the primary kind; echo has one flow); empty when our
     * own stack refused the size (EMSGSIZE).
     */
    Optional<SentProbe> send(ProbeKind kind, int flow, int ttl, int size, ProbePhase phase) throws SocketException {
        int flowIndex = kind == primaryKind ? flow : 0;
        ProbeTransport socket = socket(kind, flowIndex);
        socket.setTtl(ttl);
        int sequence = nextSequence++;
        int payloadLength = size - kind.headerBytes(socket.ipv6());
        byte[] payload = ProbePayload.build(nonce, sequence, payloadLength);
        int errno = -1;
        long sentNanos = 0;
        for (int i = 0; i < SEND_RETRIES && errno != 0; i++) {
            sentNanos = network.nanoTime();
            errno = socket.send(payload, sequence);
            if (errno == LinuxNet.EMSGSIZE && size > localMtu()) {
                return Optional.empty();
            }
            // Other errnos (and EMSGSIZE for a size that fits the interface) report an ICMP error of an
            // earlier probe once, or a forged one; it is on the error queue too, so send again.
            if (errno != 0) {
                // Reading the error queue clears the pending error; a flood of forged errors can keep
                // one pending, hence several tries.
                for (SocketEvent event : socket.drain()) {
                    handle(kind, event);
                }
            }
        }
        if (errno != 0) {
            throw new SocketException("send to " + target.getHostAddress(), errno);
        }
        SentProbe probe = new SentProbe(sequence, ttl, size, method(kind), phase, sentNanos,
                network.currentTimeMillis(), flowIndex, kind == primaryKind ? socket.localAddress().getPort() : 0);
        sent.put(sequence, probe);
        sentByKind.computeIfAbsent(kind, k -> new HashMap<>()).put(sequence, probe);
        return Optional.of(probe);
    }

    /**
     * Reads answers on {@code kind}'s socket until every probe of {@code waitFor} is answered, or
     * {@code graceNanos} after the first of them is (larger probes were sent first and travel the
     * same path, so their answers come first), or the timeout passes.
     */
    void collect(ProbeKind kind, Collection<SentProbe> waitFor, boolean stopAfterFirst) throws SocketException {
        collect(kind, 0, waitFor, stopAfterFirst);
    }

    /** {@link #collect(ProbeKind, Collection, boolean)} on flow {@code flow}'s transport. */
    void collect(ProbeKind kind, int flow, Collection<SentProbe> waitFor, boolean stopAfterFirst)
            throws SocketException {
        long start = network.nanoTime();
        long deadline = start + timeoutNanos();
        long firstAnswerAt = -1;
        ProbeTransport socket = socket(kind, kind == primaryKind ? flow : 0);
        while (true) {
            boolean all = true;
            boolean any = false;
            for (SentProbe p : waitFor) {
                boolean answered = answers.containsKey(p.sequence());
                all &= answered;
                any |= answered;
            }
            long now = network.nanoTime();
            if (all) {
                return;
            }
            if (any && firstAnswerAt < 0) {
                firstAnswerAt = now;
                if (stopAfterFirst) {
                    long elapsed = now - start;
                    deadline = Math.min(deadline, now + Math.max(2_000_000L, elapsed));
                }
            }
            if (now >= deadline) {
                return;
            }
            int waitMillis = (int) Math.max(1, (deadline - now + 999_999) / 1_000_000);
            for (SocketEvent event : socket.poll(waitMillis)) {
                handle(kind, event);
            }
        }
    }

    /** Keeps reading the first flow's socket for {@code millis}, then drains every socket. */
    void linger(int millis) throws SocketException {
        long deadline = network.nanoTime() + millis * 1_000_000L;
        while (network.nanoTime() < deadline) {
            for (SocketEvent event : primary.poll((int) Math.max(1, (deadline - network.nanoTime()) / 1_000_000))) {
                handle(primaryKind, event);
            }
        }
        drainAll();
    }

    /** Drains every socket without waiting (answers to earlier probes, forged messages). */
    void drainAll() {
        for (ProbeTransport flowSocket : flows) {
            for (SocketEvent event : flowSocket.drain()) {
                handle(primaryKind, event);
            }
        }
        if (echo != null) {
            for (SocketEvent event : echo.drain()) {
                handle(ProbeKind.ICMP_ECHO, event);
            }
        }
    }

    private void handle(ProbeKind kind, SocketEvent event) {
        Optional<ProbeAnswer> classified = classifiers.get(kind)
                .classify(event, kind, sentByKind.getOrDefault(kind, Map.of()));
        if (classified.isEmpty()) {
            return;
        }
        ProbeAnswer answer = classified.get();
        if (!answer.valid()) {
            LOG.debug("ignored answer from {}: {}", answer.responder(), answer.invalidReason());
            rejected.add(answer);
            return;
        }
        SentProbe probe = answer.probe().orElseThrow();
        if (answers.putIfAbsent(probe.sequence(), answer) == null && !answer.localError()) {
            long rtt = answer.receivedNanos() - probe.sentNanos();
            maxRttNanos = Math.max(maxRttNanos, rtt);
            LOG.debug("probe {} ttl {} size {}: {} from {} mtu {} in {} us", probe.sequence(), probe.ttl(),
                    probe.size(), answer.outcome(), answer.responder(), answer.reportedMtu(), rtt / 1000);
        }
    }

    Optional<ProbeAnswer> answer(SentProbe probe) {
        return Optional.ofNullable(answers.get(probe.sequence()));
    }

    boolean answeredWith(SentProbe probe, HopOutcome outcome) {
        return answer(probe).map(a -> a.outcome() == outcome).orElse(false);
    }

    /** Three times the largest RTT seen, within the configured bounds; generous before any answer. */
    long timeoutNanos() {
        long min = settings.minTimeoutMillis() * 1_000_000L;
        long max = settings.maxTimeoutMillis() * 1_000_000L;
        if (maxRttNanos < 0) {
            return Math.max(min, max / 2);
        }
        return Math.min(max, Math.max(min, 3 * maxRttNanos + min / 2));
    }

    void note(String note) {
        notes.add(note);
    }

    long nanoTime() {
        return network.nanoTime();
    }

    void sleep(long millis) {
        network.sleep(millis);
    }

    TraceRun result(int localMtu, long startedAtMillis, long startNanos) {
        return new TraceRun(target, ipv6(), localMtu, List.copyOf(sent.values()), Map.copyOf(answers),
                List.copyOf(rejected), startedAtMillis, network.nanoTime() - startNanos, List.copyOf(notes));
    }

    /** Flows this run opened (1 when it explored no other). */
    int flowsUsed() {
        return flows.size();
    }

    private static ProbeMethod method(ProbeKind kind) {
        return switch (kind) {
            case UDP -> ProbeMethod.UDP;
            case ICMP_ECHO -> ProbeMethod.ICMP_ECHO;
            case TCP_SYN -> ProbeMethod.TCP_SYN;
        };
    }

    @Override
    public void close() {
        flows.forEach(ProbeTransport::close);
        if (echo != null) {
            echo.close();
        }
    }
}
