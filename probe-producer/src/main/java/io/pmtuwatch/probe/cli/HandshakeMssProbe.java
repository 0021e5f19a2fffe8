package io.pmtuwatch.probe.cli;

import io.pmtuwatch.probe.handshake.HandshakeProber;
import io.pmtuwatch.probe.handshake.HandshakeResult;
import io.pmtuwatch.probe.handshake.HandshakeSettings;
import io.pmtuwatch.probe.trace.AddressText;
import io.pmtuwatch.probe.trace.TraceIdentity;
import io.pmtuwatch.schemas.HandshakeObservation;
import io.pmtuwatch.schemas.Origin;
import java.time.Instant;
import java.util.Optional;

/** {@link MssProbe} backed by the handshake prober (pcap when allowed, TCP_INFO otherwise). */
final class HandshakeMssProbe implements MssProbe {

    private final HandshakeProber prober = new HandshakeProber(HandshakeSettings.DEFAULT);

    @Override
    public Optional<HandshakeObservation> measure(TraceIdentity identity, String runId) {
        HandshakeResult r = prober.measure(identity.address(), identity.port());
        HandshakeObservation.Builder b = HandshakeObservation.newBuilder()
                .setPathId(identity.pathId())
                .setRunId(runId)
                .setAgent(identity.agent())
                .setTarget(identity.target())
                .setClientAddress(r.clientAddress() == null ? "" : AddressText.of(r.clientAddress()))
                .setClientPort(r.clientPort() == null ? 0 : r.clientPort())
                .setServerAddress(AddressText.of(identity.address()))
                .setServerPort(identity.port())
                .setMssSent(r.mssSent())
                .setMssReceived(r.mssReceived())
                .setWindowScaleSent(r.windowScaleSent())
                .setWindowScaleReceived(r.windowScaleReceived())
                .setSackPermittedSent(r.sackPermittedSent())
                .setSackPermittedReceived(r.sackPermittedReceived())
                .setTimestampsSent(r.timestampsSent())
                .setTimestampsReceived(r.timestampsReceived())
                .setRttMicros(r.rttMicros())
                .setOutcome(r.outcome())
                .setError(r.error())
                .setMethod(r.method())
                .setLocalMtu(r.localMtu())
                .setTimestamp(r.startedAt() == null ? Instant.now() : r.startedAt())
                .setOrigin(Origin.ACTIVE);
        if (r.kernel() != null) {
            b.setKernelPmtu(r.kernel().pmtu()).setKernelSndMss(r.kernel().sndMss()).setKernelAdvMss(r.kernel().advmss());
        }
        return Optional.of(b.build());
    }
}
