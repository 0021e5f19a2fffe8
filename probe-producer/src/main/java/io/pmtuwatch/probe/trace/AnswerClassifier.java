package io.pmtuwatch.probe.trace;

import io.pmtuwatch.probe.socket.Datagram;
import io.pmtuwatch.probe.socket.ExtendedError;
import io.pmtuwatch.probe.socket.ProbeKind;
import io.pmtuwatch.probe.socket.QueuedError;
import io.pmtuwatch.probe.socket.SocketEvent;
import io.pmtuwatch.probe.socket.TcpProbeIds;
import java.nio.ByteBuffer;
import java.util.OptionalInt;
import io.pmtuwatch.schemas.HopOutcome;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.Optional;

/**
 * Decides what a received message means and whether to believe it. Pure: the outstanding probes
 * come in as a map. An ICMP error counts only when the packet it quotes is one of ours: the quoted
 * destination is the target (and port, for UDP), the quoted payload carries this run's nonce and the
 * sequence of a probe we sent. A packet-too-big must also be possible: at least the protocol minimum
 * (68 for IPv4, 1280 for IPv6) and smaller than the probe it refuses; anything else is counted and ignored.
 */
public final class AnswerClassifier {

    private static final int ICMP_HEADER = 8;
    /** Source port, destination port, sequence number: what every ICMP error quotes of a TCP header. */
    private static final int TCP_QUOTE_MINIMUM = 8;
    private static final int TCP_SYN = 0x02;
    private static final int TCP_RST = 0x04;
    private static final int TCP_ACK = 0x10;

    private final InetSocketAddress target;
    private final boolean ipv6;
    private final int nonce;

    public AnswerClassifier(InetSocketAddress target, int nonce) {
        this.target = target;
        this.ipv6 = target.getAddress() instanceof java.net.Inet6Address;
        this.nonce = nonce;
    }

    /** Empty for messages that are not about our probes at all (e.g. someone else's echo reply). */
    public Optional<ProbeAnswer> classify(SocketEvent event, ProbeKind kind, Map<Integer, SentProbe> sent) {
        if (event instanceof QueuedError error) {
            return Optional.of(classifyError(error, kind, sent));
        }
        return classifyDatagram((Datagram) event, kind, sent);
    }

    private ProbeAnswer classifyError(QueuedError queued, ProbeKind kind, Map<Integer, SentProbe> sent) {
        ExtendedError e = queued.error();
        String responder = e.offender().map(AddressText::of).orElse(null);
        long at = queued.receivedNanos();
        if (e.local()) {
            // Our own kernel refused the send (EMSGSIZE: bigger than the interface): not a path answer.
            Optional<SentProbe> probe = match(queued.quotedPayload(), kind, sent);
            return new ProbeAnswer(probe, HopOutcome.OTHER, null, e.info() > 0 ? e.info() : null, null, at, true);
        }
        HopOutcome outcome = outcome(e, responder);
        Integer mtu = outcome == HopOutcome.PACKET_TOO_BIG ? e.info() : null;
        Optional<InetSocketAddress> quoted = queued.quotedDestination();
        // Raw sockets have no ports: for TCP the quoted ports are checked in the quoted header.
        if (quoted.isEmpty() || !quoted.get().getAddress().equals(target.getAddress())
                || (kind == ProbeKind.UDP && quoted.get().getPort() != target.getPort())) {
            return invalid(Optional.empty(), outcome, responder, mtu, at,
                    "quoted destination " + quoted.map(Object::toString).orElse("missing") + " is not the target");
        }
        Quoted q = kind == ProbeKind.TCP_SYN ? quotedSyn(queued.quotedPayload(), sent) : quotedId(queued.quotedPayload(), kind, sent);
        if (q.probe() == null) {
            return invalid(Optional.empty(), outcome, responder, mtu, at, q.rejection());
        }
        SentProbe probe = q.probe();
        if (outcome == HopOutcome.PACKET_TOO_BIG) {
            int minimum = ipv6 ? 1280 : 68;
            if (mtu < minimum) {
                return invalid(Optional.of(probe), outcome, responder, mtu, at,
                        (ipv6 ? "IPv6" : "IPv4") + " MTU " + mtu + " below the minimum " + minimum);
            }
            if (mtu >= probe.size()) {
                return invalid(Optional.of(probe), outcome, responder, mtu, at,
                        "MTU " + mtu + " not smaller than the " + probe.size() + "-byte probe");
            }
        }
        return new ProbeAnswer(Optional.of(probe), outcome, responder, mtu, null, at, false);
    }

    private Optional<ProbeAnswer> classifyDatagram(Datagram d, ProbeKind kind, Map<Integer, SentProbe> sent) {
        if (kind == ProbeKind.TCP_SYN) {
            return classifySegment(d, sent);
        }
        if (kind != ProbeKind.ICMP_ECHO || d.data().length < ICMP_HEADER) {
            return Optional.empty();
        }
        int type = d.data()[0] & 0xff;
        if (type != (ipv6 ? 129 : 0)) {
            return Optional.empty();
        }
        Optional<ProbePayload.ProbeId> id = ProbePayload.read(d.data(), ICMP_HEADER);
        if (id.isEmpty() || id.get().nonce() != nonce || !sent.containsKey(id.get().sequence())) {
            return Optional.empty();
        }
        String from = d.from().map(a -> AddressText.of(a.getAddress())).orElse(AddressText.of(target.getAddress()));
        return Optional.of(new ProbeAnswer(Optional.of(sent.get(id.get().sequence())), HopOutcome.DESTINATION_REACHED,
                from, null, null, d.receivedNanos(), false));
    }

    /** The probe a quote names, or why it names none. */
    private record Quoted(SentProbe probe, String rejection) {
        static Quoted rejected(String why) {
            return new Quoted(null, why);
        }
    }

    /** UDP and echo: the probe id at the start of the quoted payload. */
    private Quoted quotedId(byte[] quote, ProbeKind kind, Map<Integer, SentProbe> sent) {
        int offset = kind == ProbeKind.ICMP_ECHO ? ICMP_HEADER : 0;
        if (kind == ProbeKind.ICMP_ECHO && !quotesEchoRequest(quote)) {
            return Quoted.rejected("quoted packet is not our echo request");
        }
        Optional<ProbePayload.ProbeId> id = ProbePayload.read(quote, offset);
        if (id.isEmpty()) {
            return Quoted.rejected("quote too short to identify the probe");
        }
        if (id.get().nonce() != nonce) {
            return Quoted.rejected("quoted probe id is not from this run (stale or forged)");
        }
        SentProbe probe = sent.get(id.get().sequence());
        return probe != null ? new Quoted(probe, null)
                : Quoted.rejected("quoted probe sequence " + id.get().sequence() + " was never sent");
    }

    /**
     * TCP: ports and sequence number from the quoted header (the 8 bytes every router quotes), and the
     * probe id in the quoted data when the router quoted that far.
     */
    private Quoted quotedSyn(byte[] quote, Map<Integer, SentProbe> sent) {
        if (quote == null || quote.length < TCP_QUOTE_MINIMUM) {
            return Quoted.rejected("quote too short to identify the probe");
        }
        ByteBuffer b = ByteBuffer.wrap(quote);
        int sourcePort = b.getShort(0) & 0xFFFF;
        int destinationPort = b.getShort(2) & 0xFFFF;
        long sequenceNumber = b.getInt(4) & 0xFFFFFFFFL;
        if (destinationPort != target.getPort()) {
            return Quoted.rejected("quoted destination port " + destinationPort + " is not the target's");
        }
        OptionalInt sequence = TcpProbeIds.fromSequenceNumber(nonce, sequenceNumber);
        if (sequence.isEmpty()) {
            return Quoted.rejected("quoted sequence number is not from this run (stale or forged)");
        }
        SentProbe probe = sent.get(sequence.getAsInt());
        if (probe == null) {
            return Quoted.rejected("quoted probe sequence " + sequence.getAsInt() + " was never sent");
        }
        if (probe.sourcePort() != 0 && probe.sourcePort() != sourcePort) {
            return Quoted.rejected("quoted source port " + sourcePort + " is not the probe's");
        }
        int headerLength = quote.length >= 13 ? ((quote[12] & 0xF0) >> 4) * 4 : 0;
        Optional<ProbePayload.ProbeId> id = headerLength >= 20 ? ProbePayload.read(quote, headerLength) : Optional.empty();
        if (id.isPresent() && (id.get().nonce() != nonce || id.get().sequence() != probe.sequence())) {
            return Quoted.rejected("quoted probe id does not match the quoted sequence number (forged)");
        }
        return new Quoted(probe, null);
    }

    /**
     * The target's SYN-ACK or RST (with ACK) to one of our SYNs: it acknowledges the probe's sequence
     * number + 1 (SYN-ACK), or + 1 + the probe's data (a RST that counts the data), from the target's
     * port to the probe's source port.
     */
    private Optional<ProbeAnswer> classifySegment(Datagram d, Map<Integer, SentProbe> sent) {
        byte[] tcp = d.data();
        if (tcp.length < 20) {
            return Optional.empty();
        }
        ByteBuffer b = ByteBuffer.wrap(tcp);
        int sourcePort = b.getShort(0) & 0xFFFF;
        int destinationPort = b.getShort(2) & 0xFFFF;
        int flags = tcp[13] & 0x3F;
        boolean answer = (flags & TCP_ACK) != 0 && ((flags & TCP_RST) != 0 || (flags & TCP_SYN) != 0);
        if (sourcePort != target.getPort() || !answer) {
            return Optional.empty();
        }
        TcpProbeIds.Acked acked = TcpProbeIds.fromAcknowledgement(nonce, b.getInt(8) & 0xFFFFFFFFL);
        SentProbe probe = sent.get(acked.sequence());
        if (probe == null || (probe.sourcePort() != 0 && probe.sourcePort() != destinationPort)) {
            return Optional.empty();
        }
        int data = probe.size() - ProbeKind.TCP_SYN.headerBytes(ipv6);
        if (acked.dataBytes() != 0 && acked.dataBytes() != data) {
            return Optional.empty();
        }
        String from = d.from().map(a -> AddressText.of(a.getAddress())).orElse(AddressText.of(target.getAddress()));
        return Optional.of(new ProbeAnswer(Optional.of(probe), HopOutcome.DESTINATION_REACHED, from, null, null,
                d.receivedNanos(), false));
    }

    private Optional<SentProbe> match(byte[] payload, ProbeKind kind, Map<Integer, SentProbe> sent) {
        if (kind == ProbeKind.TCP_SYN) {
            return Optional.ofNullable(quotedSyn(payload, sent).probe());
        }
        return ProbePayload.read(payload, kind == ProbeKind.ICMP_ECHO ? ICMP_HEADER : 0)
                .filter(id -> id.nonce() == nonce)
                .map(id -> sent.get(id.sequence()));
    }

    private boolean quotesEchoRequest(byte[] payload) {
        return payload != null && payload.length >= ICMP_HEADER && (payload[0] & 0xff) == (ipv6 ? 128 : 8);
    }

    private HopOutcome outcome(ExtendedError e, String responder) {
        boolean fromTarget = responder != null && responder.equals(AddressText.of(target.getAddress()));
        if (!ipv6) {
            return switch (e.type()) {
                case 11 -> HopOutcome.TIME_EXCEEDED;
                case 3 -> switch (e.code()) {
                    case 4 -> HopOutcome.PACKET_TOO_BIG;
                    case 3, 2 -> fromTarget ? HopOutcome.DESTINATION_REACHED : HopOutcome.OTHER;
                    case 9, 10, 13 -> HopOutcome.ADMIN_FILTERED;
                    default -> HopOutcome.OTHER;
                };
                default -> HopOutcome.OTHER;
            };
        }
        return switch (e.type()) {
            case 3 -> HopOutcome.TIME_EXCEEDED;
            case 2 -> HopOutcome.PACKET_TOO_BIG;
            case 1 -> switch (e.code()) {
                case 4 -> fromTarget ? HopOutcome.DESTINATION_REACHED : HopOutcome.OTHER;
                case 1 -> HopOutcome.ADMIN_FILTERED;
                default -> HopOutcome.OTHER;
            };
            default -> HopOutcome.OTHER;
        };
    }

    private static ProbeAnswer invalid(Optional<SentProbe> probe, HopOutcome outcome, String responder, Integer mtu,
            long at, String reason) {
        return new ProbeAnswer(probe, outcome, responder, mtu, reason, at, false);
    }
}
