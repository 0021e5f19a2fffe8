package io.pmtuwatch.probe.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.pmtuwatch.lab.Family;
import io.pmtuwatch.lab.Lab;
import io.pmtuwatch.lab.TcpListener;
import io.pmtuwatch.lab.Topologies;
import io.pmtuwatch.probe.cli.ProbeMain;
import io.pmtuwatch.schemas.HandshakeObservation;
import io.pmtuwatch.schemas.HopObservation;
import io.pmtuwatch.schemas.Origin;
import io.pmtuwatch.schemas.ProbePhase;
import io.pmtuwatch.embedded.KafkaHarness;
import io.pmtuwatch.testsupport.TopicRecords;
import io.pmtuwatch.testsupport.RequiresRoot;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

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
        KafkaHarness kafka = KafkaHarness.shared();
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String hopTopic = "live-hops-" + suffix;
        String handshakeTopic = "live-handshakes-" + suffix;
        kafka.createTopic(hopTopic, 1);
        kafka.createTopic(handshakeTopic, 1);
        try (Lab lab = Lab.build(Topologies.mtu1400()); TcpListener ignored = TcpListener.start(lab.server(), PORT)) {
            CommandLine cl = ProbeMain.commandLine();
            StringWriter err = new StringWriter();
            cl.setErr(new PrintWriter(err));
            CompletableFuture<Integer> capture = CompletableFuture.supplyAsync(() -> cl.execute("capture",
                    "--netns", lab.agentNamespace(), "--interface", "right", "--duration", "PT6S",
                    "--bootstrap-servers", kafka.bootstrapServers(), "--hop-topic", hopTopic,
                    "--handshake-topic", handshakeTopic, "--agent-id", "sensor"));
            // The first counter report comes from the open capture: only then may the traffic start.
            await().atMost(Duration.ofSeconds(10)).until(() -> err.toString().contains("frames/s"));
            LabTraffic.bulk(lab.agent(), lab.truth().serverAddress(Family.V4), PORT, 64_000);
            LabTraffic.bulk(lab.agent(), lab.truth().serverAddress(Family.V6), PORT, 64_000);

            assertThat(capture.get()).as(err::toString).isZero();
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
