package io.pmtuwatch.probe.sim;

import io.pmtuwatch.linux.LinuxNet;
import io.pmtuwatch.probe.socket.Datagram;
import io.pmtuwatch.probe.socket.ExtendedError;
import io.pmtuwatch.probe.socket.ProbeKind;
import io.pmtuwatch.probe.socket.ProbeNetwork;
import io.pmtuwatch.probe.socket.ProbeTransport;
import io.pmtuwatch.probe.socket.QueuedError;
import io.pmtuwatch.probe.socket.SocketEvent;
import io.pmtuwatch.probe.socket.SocketException;
import io.pmtuwatch.probe.socket.TcpProbeIds;
import io.pmtuwatch.probe.socket.TcpSynSocket;
import io.pmtuwatch.probe.packet.SynSegment;
import io.pmtuwatch.probe.trace.ProbePayload;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.function.IntUnaryOperator;

/**
 * A path simulated in plain Java behind the tracer's transport seam: routers with the MTU of the
 * link behind them, routers that drop their own packet-too-big, silent routers, ICMP rate limits,
 * random loss, ECMP members chosen by a hash of the flow (the source port, as a per-flow L4 hash
 * does), a target that answers UDP and/or echo and/or TCP (SYN-ACK from an open port, RST from a
 * closed one), routers that quote only 8 bytes of the transport header, an agent without
 * CAP_NET_RAW, and forged packet-too-bigs. Time is virtual: waits
 * and rate-limit pauses cost nothing, so a test covers the tracer's decisions in milliseconds.
 *
 * <p>A probe with TTL {@code t} reaches router {@code t} of its member (TTL before MTU, as Linux
 * forwards); the target sits behind the last router. Answers come back after 100 µs per hop.
 */
public final class SimulatedPath implements ProbeNetwork {

    private static final long HOP_RTT_NANOS = 100_000;
    private static final InetAddress AGENT = address("192.0.2.1");
    private static final InetAddress AGENT6 = address("2001:db8::1");

    private final InetAddress target;
    private final boolean v6;
    private final int localMtu;
    private final List<List<SimRouter>> members;
    private final IntUnaryOperator memberOfSourcePort;
    private final boolean answersUdp;
    private final boolean answersEcho;
    private final boolean answersTcp;
    private final boolean tcpPortClosed;
    private final boolean shortQuotes;
    private final boolean rawSocketsRefused;
    private final double loss;
    private final Random random;
    private final Integer forgedPtbMtu;
    private final Map<String, TokenBucket> buckets = new HashMap<>();
    private final SimRouter targetLimits;
    private long nowNanos = 1_000_000_000L;
    private long epochMillis = 1_700_000_000_000L;
    private int nextEphemeralPort = 40_000;
    private int probesSent;
    private final List<Integer> sourcePortsUsed = new ArrayList<>();

    private SimulatedPath(Builder b) {
        this.target = address(b.target);
        this.v6 = target instanceof Inet6Address;
        this.localMtu = b.localMtu;
        this.members = List.copyOf(b.members);
        this.memberOfSourcePort = b.memberOfSourcePort != null ? b.memberOfSourcePort
                : port -> Math.floorMod(Integer.hashCode(port * 0x9E3779B1), members.size());
        this.answersUdp = b.answersUdp;
        this.answersEcho = b.answersEcho;
        this.answersTcp = b.answersTcp;
        this.tcpPortClosed = b.tcpPortClosed;
        this.shortQuotes = b.shortQuotes;
        this.rawSocketsRefused = b.rawSocketsRefused;
        this.loss = b.loss;
        this.random = new Random(b.seed);
        this.forgedPtbMtu = b.forgedPtbMtu;
        this.targetLimits = SimRouter.of(b.target, 0).rateLimited(b.targetBurst, b.targetRefillMillis);
    }

    public static Builder to(String target) {
        return new Builder(target);
    }

    /** Probes sent through every transport of this path. */
    public int probesSent() {
        return probesSent;
    }

    /** Source ports of the UDP and TCP transports opened, in order (one per flow). */
    public List<Integer> sourcePortsUsed() {
        return List.copyOf(sourcePortsUsed);
    }

    /** The member a UDP flow from {@code sourcePort} takes. */
    public int memberOf(int sourcePort) {
        return memberOfSourcePort.applyAsInt(sourcePort);
    }

    public long elapsedMillis() {
        return (nowNanos - 1_000_000_000L) / 1_000_000;
    }

    @Override
    public ProbeTransport open(ProbeKind kind, InetAddress to, int port, int sourcePort) throws SocketException {
        if (kind == ProbeKind.TCP_SYN && rawSocketsRefused) {
            throw new SocketException(TcpSynSocket.NEEDS_CAP_NET_RAW, LinuxNet.EPERM);
        }
        boolean flows = kind != ProbeKind.ICMP_ECHO;
        int local = flows ? (sourcePort != 0 ? sourcePort : nextEphemeralPort++) : 0;
        if (flows) {
            sourcePortsUsed.add(local);
        }
        return new Transport(kind, new InetSocketAddress(to, flows ? port : 0), local);
    }

    @Override
    public long nanoTime() {
        return nowNanos;
    }

    @Override
    public long currentTimeMillis() {
        return epochMillis + (nowNanos - 1_000_000_000L) / 1_000_000;
    }

    @Override
    public void sleep(long millis) {
        nowNanos += millis * 1_000_000L;
    }

    private boolean token(String responder, SimRouter limits) {
        return buckets.computeIfAbsent(responder,
                r -> new TokenBucket(limits.icmpBurst(), limits.icmpRefillMillis(), nowNanos)).take(nowNanos);
    }

    /** One transport: its own queue of answers, due on the virtual clock. */
    private final class Transport implements ProbeTransport {
        private final ProbeKind kind;
        private final InetSocketAddress to;
        private final int sourcePort;
        private final List<SocketEvent> queue = new ArrayList<>();
        private int ttl = 64;

        Transport(ProbeKind kind, InetSocketAddress to, int sourcePort) {
            this.kind = kind;
            this.to = to;
            this.sourcePort = sourcePort;
        }

        @Override
        public ProbeKind kind() {
            return kind;
        }

        @Override
        public InetSocketAddress target() {
            return to;
        }

        @Override
        public boolean ipv6() {
            return v6;
        }

        @Override
        public void setTtl(int newTtl) {
            this.ttl = newTtl;
        }

        @Override
        public InetSocketAddress localAddress() {
            return new InetSocketAddress(v6 ? AGENT6 : AGENT, sourcePort);
        }

        @Override
        public int localMtu() {
            return localMtu;
        }

        @Override
        public int send(byte[] payload, int sequence) {
            int size = payload.length + kind.headerBytes(v6);
            if (size > localMtu) {
                return LinuxNet.EMSGSIZE;
            }
            nowNanos += 10_000;
            probesSent++;
            byte[] quoted = switch (kind) {
                case UDP -> payload;
                case ICMP_ECHO -> echoPacket(v6 ? 128 : 8, sequence, payload);
                case TCP_SYN -> SynSegment.build(v6 ? AGENT6 : AGENT, target, sourcePort, to.getPort(),
                        TcpProbeIds.sequenceNumber(payload), 1460, payload);
            };
            if (shortQuotes) {
                // RFC 792's minimum: the IP header and 8 bytes of the transport header.
                quoted = java.util.Arrays.copyOf(quoted, 8);
            }
            deliver(size, quoted, sequence, payload);
            if (forgedPtbMtu != null) {
                // A blind attacker: right target, but it cannot know the run's nonce.
                byte[] forged = ProbePayload.build(0x5eed, sequence, Math.max(ProbePayload.ID_BYTES, 16));
                byte[] forgedQuote = switch (kind) {
                    case UDP -> forged;
                    case ICMP_ECHO -> echoPacket(v6 ? 128 : 8, sequence, forged);
                    // The attacker can see neither the sequence number nor the source port.
                    case TCP_SYN -> SynSegment.build(v6 ? AGENT6 : AGENT, target, 40_000, to.getPort(),
                            random.nextInt() & 0xFFFFFFFFL, 1460, forged);
                };
                queue.add(error(v6 ? 2 : 3, v6 ? 0 : 4, forgedPtbMtu, address(v6 ? "2001:db8:66::6" : "203.0.113.66"),
                        forgedQuote, nowNanos + HOP_RTT_NANOS));
            }
            return 0;
        }

        private void deliver(int size, byte[] quoted, int sequence, byte[] payload) {
            List<SimRouter> routers = members.get(kind != ProbeKind.ICMP_ECHO ? memberOfSourcePort.applyAsInt(sourcePort) : 0);
            if (loss > 0 && random.nextDouble() < loss) {
                return;
            }
            for (int hop = 1; hop <= routers.size(); hop++) {
                SimRouter r = routers.get(hop - 1);
                long due = nowNanos + hop * HOP_RTT_NANOS;
                if (ttl == hop) {
                    if (r.answersTtl() && token(r.address(), r)) {
                        queue.add(error(v6 ? 3 : 11, 0, 0, address(r.address()), quoted, due));
                    }
                    return;
                }
                if (size > r.mtuAfter()) {
                    if (r.sendsPtb() && token(r.address(), r)) {
                        queue.add(error(v6 ? 2 : 3, v6 ? 0 : 4, r.mtuAfter(), address(r.address()), quoted, due));
                    }
                    return;
                }
            }
            long due = nowNanos + (routers.size() + 1) * HOP_RTT_NANOS;
            if (kind == ProbeKind.UDP && answersUdp && token(target.getHostAddress(), targetLimits)) {
                queue.add(error(v6 ? 1 : 3, v6 ? 4 : 3, 0, target, quoted, due));
            } else if (kind == ProbeKind.ICMP_ECHO && answersEcho) {
                queue.add(new Datagram(Optional.of(new InetSocketAddress(target, 0)),
                        echoPacket(v6 ? 129 : 0, sequence, payload), due));
            } else if (kind == ProbeKind.TCP_SYN && answersTcp) {
                queue.add(new Datagram(Optional.of(new InetSocketAddress(target, 0)), tcpAnswer(payload), due));
            }
        }

        /** The target's SYN-ACK (open port: acknowledges the SYN only) or RST (closed: counts the data too). */
        private byte[] tcpAnswer(byte[] payload) {
            long seq = TcpProbeIds.sequenceNumber(payload);
            long ack = (seq + 1 + (tcpPortClosed ? payload.length : 0)) & 0xFFFFFFFFL;
            java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(20);
            b.putShort((short) to.getPort()).putShort((short) sourcePort).putInt(random.nextInt()).putInt((int) ack)
                    .put((byte) 0x50).put((byte) (tcpPortClosed ? 0x14 : 0x12)).putShort((short) 64240).putInt(0);
            return b.array();
        }

        private QueuedError error(int type, int code, int info, InetAddress from, byte[] quoted, long due) {
            ExtendedError e = new ExtendedError(0, v6 ? LinuxNet.SO_EE_ORIGIN_ICMP6 : LinuxNet.SO_EE_ORIGIN_ICMP, type,
                    code, info, Optional.of(from));
            return new QueuedError(e, Optional.of(to), quoted, due);
        }

        @Override
        public List<SocketEvent> poll(int timeoutMillis) {
            long limit = nowNanos + timeoutMillis * 1_000_000L;
            long earliest = queue.stream().mapToLong(SocketEvent::receivedNanos).min().orElse(Long.MAX_VALUE);
            nowNanos = earliest <= limit ? Math.max(nowNanos, earliest) : limit;
            return drain();
        }

        @Override
        public List<SocketEvent> drain() {
            List<SocketEvent> due = new ArrayList<>();
            queue.removeIf(e -> {
                if (e.receivedNanos() <= nowNanos) {
                    due.add(e);
                    return true;
                }
                return false;
            });
            due.sort((a, b) -> Long.compare(a.receivedNanos(), b.receivedNanos()));
            return due;
        }

        @Override
        public void close() {
            queue.clear();
        }
    }

    private static byte[] echoPacket(int type, int sequence, byte[] payload) {
        byte[] packet = new byte[8 + payload.length];
        packet[0] = (byte) type;
        packet[6] = (byte) (sequence >> 8);
        packet[7] = (byte) sequence;
        System.arraycopy(payload, 0, packet, 8, payload.length);
        return packet;
    }

    static InetAddress address(String text) {
        try {
            return InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(text, e);
        }
    }

    /** Describes the path; routers in TTL order, the target behind the last. */
    public static final class Builder {
        private final String target;
        private int localMtu = 1500;
        private final List<List<SimRouter>> members = new ArrayList<>();
        private IntUnaryOperator memberOfSourcePort;
        private boolean answersUdp = true;
        private boolean answersEcho = true;
        private boolean answersTcp = true;
        private boolean tcpPortClosed;
        private boolean shortQuotes;
        private boolean rawSocketsRefused;
        private double loss;
        private long seed = 42;
        private Integer forgedPtbMtu;
        private int targetBurst = Integer.MAX_VALUE;
        private long targetRefillMillis;

        private Builder(String target) {
            this.target = target;
        }

        public Builder localMtu(int mtu) {
            this.localMtu = mtu;
            return this;
        }

        /** A single path through these routers. */
        public Builder routers(SimRouter... routers) {
            members.clear();
            members.add(List.of(routers));
            return this;
        }

        /** Equal-cost members, each a full list of routers; {@code memberOfSourcePort} is the flow hash. */
        public Builder members(List<List<SimRouter>> alternatives, IntUnaryOperator memberOfSourcePort) {
            members.clear();
            members.addAll(alternatives);
            this.memberOfSourcePort = memberOfSourcePort;
            return this;
        }

        /** The target drops UDP (no port unreachable). */
        public Builder udpFiltered() {
            this.answersUdp = false;
            return this;
        }

        public Builder echoFiltered() {
            this.answersEcho = false;
            return this;
        }

        /** The target answers TCP only: UDP and echo requests are dropped. */
        public Builder tcpOnly() {
            this.answersUdp = false;
            this.answersEcho = false;
            return this;
        }

        /** No service on the TCP port: the target answers SYNs with RST (acknowledging their data). */
        public Builder tcpPortClosed() {
            this.tcpPortClosed = true;
            return this;
        }

        /** Routers and the target quote only 8 bytes of the transport header in their ICMP errors. */
        public Builder shortQuotes() {
            this.shortQuotes = true;
            return this;
        }

        /** The agent has no CAP_NET_RAW: raw (TCP probe) sockets are refused with EPERM. */
        public Builder rawSocketsRefused() {
            this.rawSocketsRefused = true;
            return this;
        }

        /** Each probe is lost with this probability (seeded: the same every run). */
        public Builder loss(double probability, long randomSeed) {
            this.loss = probability;
            this.seed = randomSeed;
            return this;
        }

        /** The target's port unreachables are rate limited (Linux: burst 6, 1 per second). */
        public Builder targetRateLimit(int burst, long refillMillis) {
            this.targetBurst = burst;
            this.targetRefillMillis = refillMillis;
            return this;
        }

        /** After every probe, a blind attacker sends a packet-too-big with this MTU quoting the target. */
        public Builder forgedPtbs(int mtu) {
            this.forgedPtbMtu = mtu;
            return this;
        }

        public SimulatedPath build() {
            if (members.isEmpty()) {
                throw new IllegalStateException("no routers");
            }
            return new SimulatedPath(this);
        }
    }
}
