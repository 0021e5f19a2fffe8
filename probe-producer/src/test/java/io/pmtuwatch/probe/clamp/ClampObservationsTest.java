package io.pmtuwatch.probe.clamp;

import io.pmtuwatch.schemas.Agent;
import io.pmtuwatch.schemas.HandshakeObservation;
import io.pmtuwatch.schemas.HandshakeOutcome;
import io.pmtuwatch.schemas.IpVersion;
import io.pmtuwatch.schemas.MssMethod;
import io.pmtuwatch.schemas.Origin;
import io.pmtuwatch.schemas.Target;
import io.pmtuwatch.schemas.Transport;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ClampObservationsTest {

    private static final HandshakeObservation HANDSHAKE = HandshakeObservation.newBuilder().setPathId("a|10.0.3.2|tcp|80|v4")
            .setAgent(Agent.newBuilder().setId("a").build())
            .setTarget(Target.newBuilder().setHost("10.0.3.2").setAddress("10.0.3.2").setPort(80)
                    .setIpVersion(IpVersion.IPV4).setTransport(Transport.TCP).build())
            .setClientAddress("10.0.0.1").setClientPort(40000).setServerAddress("10.0.3.2").setServerPort(80)
            .setMssSent(1460).setMssReceived(1200).setOutcome(HandshakeOutcome.ESTABLISHED).setMethod(MssMethod.PCAP)
            .setTimestamp(Instant.EPOCH).setOrigin(Origin.ACTIVE).build();

    private static ClampVerdict verdict(ClampChange... changes) {
        return new ClampVerdict(1460, List.of(), List.of(changes), 4, List.of(), "test");
    }

    @Test
    void anExactlyLocatedClampIsCarriedOnTheHandshake() {
        HandshakeObservation h = ClampObservations.withClamp(HANDSHAKE,
                verdict(new ClampChange(2, 2, "10.0.1.2", 1460, 1200)));
        assertThat(h.getClampRouter()).isEqualTo("10.0.1.2");
        assertThat(h.getClampTtl()).isEqualTo(2);
        assertThat(h.getMssBeforeClamp()).isEqualTo(1460);
        assertThat(h.getMssAfterClamp()).isEqualTo(1200);
        assertThat(h.getMssReceived()).isEqualTo(1200);
    }

    @Test
    void aRangeOfHopsOrNoClampLeavesTheHandshakeAlone() {
        assertThat(ClampObservations.withClamp(HANDSHAKE, verdict(new ClampChange(1, 3, null, 1460, 1200))))
                .isEqualTo(HANDSHAKE);
        assertThat(ClampObservations.withClamp(HANDSHAKE, verdict())).isEqualTo(HANDSHAKE);
    }
}
