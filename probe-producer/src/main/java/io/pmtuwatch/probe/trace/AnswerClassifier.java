package io.pmtuwatch.probe.trace;

import io.pmtuwatch.probe.socket.Datagram;
import io.pmtuwatch.probe.socket.ExtendedError;
import io.pmtuwatch.probe.socket.ProbeKind;
import io.pmtuwatch.probe.socket.QueuedError;
import io.pmtuwatch.probe.socket.SocketEvent;
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
        if (quoted.isEmpty() || !quoted.get().getAddress().equals(target.getAddress())
                || (kind == ProbeKind.UDP && quoted.get().getPort() != target.getPort())) {
            return invalid(Optional.empty(), outcome, responder, mtu, at,
                    "quoted destination " + quoted.map(Object::toString).orElse("missing") + " is not the target");
        }
        int offset = kind == ProbeKind.ICMP_ECHO ? ICMP_HEADER : 0;
        if (kind == ProbeKind.ICMP_ECHO && !quotesEchoRequest(queued.quotedPayload())) {
            return invalid(Optional.empty(), outcome, responder, mtu, at, "quoted packet is not our echo request");
        }
        Optional<ProbePayload.ProbeId> id = ProbePayload.read(queued.quotedPayload(), offset);
        if (id.isEmpty()) {
            return invalid(Optional.empty(), outcome, responder, mtu, at, "quote too short to identify the probe");
        }
        if (id.get().nonce() != nonce) {
            return invalid(Optional.empty(), outcome, responder, mtu, at, "quoted probe id is not from this run (stale or forged)");
        }
        SentProbe probe = sent.get(id.get().sequence());
        if (probe == null) {
            return invalid(Optional.empty(), outcome, responder, mtu, at, "quoted probe sequence " + id.get().sequence() + " was never sent");
        }
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

    private Optional<SentProbe> match(byte[] payload, ProbeKind kind, Map<Integer, SentProbe> sent) {
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
