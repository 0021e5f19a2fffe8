package io.pmtuwatch.probe.cli;

import io.pmtuwatch.probe.handshake.HandshakeObservations;
import io.pmtuwatch.probe.handshake.HandshakeProber;
import io.pmtuwatch.probe.handshake.HandshakeResult;
import io.pmtuwatch.probe.handshake.HandshakeSettings;
import io.pmtuwatch.probe.trace.TraceIdentity;
import io.pmtuwatch.schemas.HandshakeObservation;
import java.util.Optional;

/** {@link MssProbe} backed by the handshake prober (pcap when allowed, TCP_INFO otherwise). */
final class HandshakeMssProbe implements MssProbe {

    private final HandshakeProber prober = new HandshakeProber(HandshakeSettings.DEFAULT);

    @Override
    public Optional<HandshakeObservation> measure(TraceIdentity identity, String runId) {
        HandshakeResult result = prober.measure(identity.address(), identity.port());
        return Optional.of(HandshakeObservations.of(result, identity.pathId(), runId, identity.agent(),
                identity.target()));
    }
}
