package io.pmtuwatch.diagnosis.internals;

import io.pmtuwatch.diagnosis.IpVersionRules;
import io.pmtuwatch.schemas.HandshakeObservation;
import io.pmtuwatch.schemas.MssMethod;
import io.pmtuwatch.schemas.MssSummary;
import io.pmtuwatch.schemas.Origin;
import io.pmtuwatch.schemas.PmtuSource;
import java.util.Optional;

/**
 * The MSS values of a path: what each end is judged on, and what the probe's own SYN carried.
 *
 * <p>The target is judged on the MSS of its SYN-ACK. Our side ({@code sent}) is, for an active probe
 * whose interface MTU is known, the MSS a host with that interface MTU advertises (interface MTU -
 * headers), never the probe's own SYN: once anything on the probe's host has learned the path MTU
 * (a route exception from an earlier trace, kept for 10 minutes by default), Linux advertises PMTU -
 * headers in every SYN towards that destination, whatever the socket asks (IP_MTU_DISCOVER modes,
 * TCP_MAXSEG, which can only lower it). The SYN's own value is kept apart ({@code probeSyn}) when it
 * differs, so the verdict and its figures describe the path, not what this host measured before. A
 * captured (passive, replayed) handshake is a real client's SYN and stands as it is.
 */
public record MssFigures(
        Optional<Integer> sent,
        Optional<Integer> received,
        Optional<Integer> effective,
        Optional<MssMethod> method,
        Optional<Integer> probeSyn,
        boolean sentFromInterfaceMtu,
        boolean capturedHandshake) {

    public static MssFigures of(Optional<HandshakeObservation> handshake, IpVersionRules rules,
            Optional<Integer> localMtu, PmtuEstimate pmtu) {
        Optional<Integer> measuredSyn = handshake.map(HandshakeObservation::getMssSent);
        Optional<Integer> received = handshake.map(HandshakeObservation::getMssReceived);
        boolean ourProbe = handshake.map(h -> h.getOrigin() == Origin.ACTIVE).orElse(false);
        boolean fromInterface = ourProbe && localMtu.isPresent() && measuredSyn.isPresent();
        Optional<Integer> sent = fromInterface ? localMtu.map(rules::mssFor) : measuredSyn;
        Optional<Integer> probeSyn = fromInterface ? measuredSyn.filter(value -> !value.equals(sent.get()))
                : Optional.empty();
        Optional<Integer> negotiated = smaller(sent, received);
        // A validated PTB makes the sender lower its segments to PMTU - headers; a black hole does not
        // (that is the trouble), so only the PTB case changes the effective MSS.
        Optional<Integer> effective = negotiated.map(mss -> pmtu.source() == PmtuSource.PTB
                ? Math.min(mss, rules.mssFor(pmtu.value())) : mss);
        return new MssFigures(sent, received, effective, handshake.map(HandshakeObservation::getMethod),
                probeSyn, fromInterface, handshake.isPresent() && !ourProbe);
    }

    public MssSummary toSummary() {
        return MssSummary.newBuilder()
                .setSent(sent.orElse(null))
                .setReceived(received.orElse(null))
                .setEffective(effective.orElse(null))
                .setMethod(method.orElse(null))
                .setProbeSyn(probeSyn.orElse(null))
                .build();
    }

    /** Our side's MSS as judged (see the class comment). */
    public Optional<Integer> ourSide() {
        return sent;
    }

    /**
     * The MSS the connection runs with, as judged: the smaller of what the two ends advertise (the
     * seed's "combined MSS"). A path clamp lowers the target's value and with it the combined one.
     */
    public Optional<Integer> combined() {
        return smaller(sent, received);
    }

    /** The smaller of two values that may be absent; either one when only one is there. */
    private static Optional<Integer> smaller(Optional<Integer> a, Optional<Integer> b) {
        if (a.isEmpty()) {
            return b;
        }
        return b.isEmpty() || a.get() <= b.get() ? a : b;
    }
}
