package io.pmtuwatch.probe.handshake;

import io.pmtuwatch.probe.trace.AddressText;
import io.pmtuwatch.schemas.Agent;
import io.pmtuwatch.schemas.HandshakeObservation;
import io.pmtuwatch.schemas.Origin;
import io.pmtuwatch.schemas.Target;
import java.net.InetAddress;

/** Turns a {@link HandshakeResult} into the contract's {@link HandshakeObservation}. Pure. */
public final class HandshakeObservations {

    private HandshakeObservations() {
    }

    /**
     * @param pathId path id of the target (the Kafka key)
     * @param runId  the active run, null when none
     */
    public static HandshakeObservation of(HandshakeResult r, String pathId, String runId, Agent agent, Target target) {
        InetAddress client = r.clientAddress();
        HandshakeObservation.Builder b = HandshakeObservation.newBuilder()
                .setPathId(pathId)
                .setRunId(runId)
                .setAgent(agent)
                .setTarget(target)
                // The schema wants a string even when the SYN never left (local error): empty then.
                .setClientAddress(client == null ? "" : AddressText.of(client))
                .setClientPort(r.clientPort() == null ? 0 : r.clientPort())
                .setServerAddress(AddressText.of(r.serverAddress()))
                .setServerPort(r.serverPort())
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
                .setTimestamp(r.startedAt())
                .setOrigin(Origin.ACTIVE);
        if (r.kernel() != null) {
            b.setKernelPmtu(r.kernel().pmtu()).setKernelSndMss(r.kernel().sndMss())
                    .setKernelAdvMss(r.kernel().advmss());
        }
        return b.build();
    }
}
