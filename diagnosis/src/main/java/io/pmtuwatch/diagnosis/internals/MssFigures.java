package io.pmtuwatch.diagnosis.internals;

import io.pmtuwatch.diagnosis.IpVersionRules;
import io.pmtuwatch.schemas.HandshakeObservation;
import io.pmtuwatch.schemas.MssMethod;
import io.pmtuwatch.schemas.MssSummary;
import io.pmtuwatch.schemas.Origin;
import io.pmtuwatch.schemas.PmtuSource;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The MSS values of a path: what was measured, and what each end is judged on.
 *
 * <p>The target is judged on the MSS of its SYN-ACK. Our side is judged on the MSS a host with this
 * agent's interface MTU advertises (interface MTU - headers), not on the probe's own SYN: once a
 * trace has taught the probe's kernel the PMTU (a route exception), its SYNs advertise PMTU - headers
 * and would hide the problem every other host on the agent's network has. Only without a known
 * interface MTU, or for a captured (passive, replayed) handshake, whose SYN is a real client's, is
 * the measured SYN used, and the findings say which.
 */
public record MssFigures(
        Optional<Integer> sent,
        Optional<Integer> received,
        Optional<Integer> effective,
        Optional<MssMethod> method,
        Optional<Integer> ourSide,
        boolean ourSideFromInterfaceMtu,
        boolean capturedHandshake) {

    public static MssFigures of(Optional<HandshakeObservation> handshake, IpVersionRules rules,
            Optional<Integer> localMtu, PmtuEstimate pmtu) {
        Optional<Integer> sent = handshake.map(HandshakeObservation::getMssSent);
        Optional<Integer> received = handshake.map(HandshakeObservation::getMssReceived);
        Optional<Integer> negotiated = Stream.of(sent, received).flatMap(Optional::stream).min(Integer::compare);
        // A validated PTB makes the sender lower its segments to PMTU - headers; a black hole does not
        // (that is the trouble), so only the PTB case changes the effective MSS.
        Optional<Integer> effective = negotiated.map(mss -> pmtu.source() == PmtuSource.PTB
                ? Math.min(mss, rules.mssFor(pmtu.value())) : mss);
        // A captured handshake (passive sensor, replay) is some client's own SYN: the sensor's interface
        // MTU says nothing about that client, and no probe kernel cache is involved, so it stands.
        boolean ourProbe = handshake.map(h -> h.getOrigin() == Origin.ACTIVE).orElse(false);
        boolean fromInterface = ourProbe && localMtu.isPresent();
        Optional<Integer> ourSide = fromInterface ? localMtu.map(rules::mssFor) : sent;
        return new MssFigures(sent, received, effective, handshake.map(HandshakeObservation::getMethod),
                ourSide, fromInterface, handshake.isPresent() && !ourProbe);
    }

    public MssSummary toSummary() {
        return MssSummary.newBuilder()
                .setSent(sent.orElse(null))
                .setReceived(received.orElse(null))
                .setEffective(effective.orElse(null))
                .setMethod(method.orElse(null))
                .build();
    }

    /**
     * The MSS the connection runs with, as judged: the smaller of what the two ends advertise (the
     * seed's "combined MSS"), with our side taken from the interface MTU (see the class comment). A
     * path clamp lowers the target's value and with it the combined one.
     */
    public Optional<Integer> combined() {
        return Stream.of(ourSide, received).flatMap(Optional::stream).min(Integer::compare);
    }
}
