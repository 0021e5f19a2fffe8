package io.pmtuwatch.probe.capture;

import static org.assertj.core.api.Assertions.assertThat;

import io.pmtuwatch.lab.Family;
import io.pmtuwatch.lab.Lab;
import io.pmtuwatch.lab.TcpListener;
import io.pmtuwatch.lab.Topologies;
import io.pmtuwatch.schemas.HandshakeObservation;
import io.pmtuwatch.schemas.HopObservation;
import io.pmtuwatch.schemas.Origin;
import io.pmtuwatch.schemas.ProbePhase;
import io.pmtuwatch.embedded.KafkaHarness;
import io.pmtuwatch.testsupport.TopicRecords;
import io.pmtuwatch.testsupport.RequiresRoot;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The live sensor in a namespace lab: {@code capture} on the agent's interface while a real TCP
 * transfer crosses the 1400 link (r2 sends frag-needed / packet-too-big). The handshake and the PTB
 * are read back from the in-process broker with origin PASSIVE, for IPv4 and IPv6.
 */
@RequiresRoot
class PassiveSensorLabTest {

    private static final int PORT = 8443;

    @Test
    void capturesHandshakesAndPtbsOfTrafficCrossingA1400Link() throws Exception {
        SensorTopics topics = SensorTopics.create("live");
        KafkaHarness kafka = topics.kafka();
        String hopTopic = topics.hops();
        String handshakeTopic = topics.handshakes();
        try (Lab lab = Lab.build(Topologies.mtu1400()); TcpListener ignored = TcpListener.start(lab.server(), PORT)) {
            SensorTopics.Capture capture = topics.startCapture(lab.agentNamespace(), "right", Duration.ofSeconds(6),
                    "sensor");
            StringWriter err = capture.err();
            LabTraffic.bulk(lab.agent(), lab.truth().serverAddress(Family.V4), PORT, 64_000);
            LabTraffic.bulk(lab.agent(), lab.truth().serverAddress(Family.V6), PORT, 64_000);

            assertThat(capture.exit().get()).as(err::toString).isZero();
            assertThat(err.toString()).contains("frames/s").contains("pcap received").contains("dropped 0");

            List<HandshakeObservation> handshakes = TopicRecords.read(kafka.clientConfig(), handshakeTopic,
                    HandshakeObservation.class, 2, Duration.ofSeconds(20));
            List<HopObservation> hops = TopicRecords.read(kafka.clientConfig(), hopTopic, HopObservation.class, 2,
                    Duration.ofSeconds(20));
            assertThat(handshakes).hasSize(2).allSatisfy(h -> {
                assertThat(h.getOrigin()).isEqualTo(Origin.PASSIVE);
                assertThat(h.getServerPort()).isEqualTo(PORT);
            });
            assertThat(handshakes).extracting(HandshakeObservation::getMssSent).containsExactlyInAnyOrder(1460, 1440);
            assertThat(handshakes).extracting(HandshakeObservation::getServerAddress).containsExactlyInAnyOrder(
                    lab.truth().serverAddress(Family.V4), lab.truth().serverAddress(Family.V6));
            assertThat(hops).isNotEmpty().allSatisfy(h -> {
                assertThat(h.getPhase()).isEqualTo(ProbePhase.PASSIVE);
                assertThat(h.getOrigin()).isEqualTo(Origin.PASSIVE);
                assertThat(h.getReportedMtu()).isEqualTo(1400);
            });
            assertThat(hops).extracting(HopObservation::getResponder).contains(lab.truth().hopAddress(Family.V4, 2),
                    lab.truth().hopAddress(Family.V6, 2));
        }
    }
}
