package io.pmtuwatch.probe.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.pmtuwatch.embedded.KafkaHarness;
import io.pmtuwatch.lab.Family;
import io.pmtuwatch.lab.Lab;
import io.pmtuwatch.lab.Topologies;
import io.pmtuwatch.probe.cli.ProbeMain;
import io.pmtuwatch.schemas.Finding;
import io.pmtuwatch.schemas.FindingCode;
import io.pmtuwatch.schemas.HandshakeObservation;
import io.pmtuwatch.schemas.HopObservation;
import io.pmtuwatch.schemas.PathDiagnosis;
import io.pmtuwatch.schemas.ReturnPathMethod;
import io.pmtuwatch.testsupport.RequiresRoot;
import io.pmtuwatch.testsupport.TopicRecords;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The live sensor beside a server that ignores packet-too-big (its firewall drops them; the return
 * link is 1400 and its router does send them): {@code capture} on the server's interface sees the
 * 1500-byte answer segments, the router's messages and the server resending at 1500, and publishes
 * the handshake again with the figures; diagnosed as the topology does, that is PTB_IGNORED at the
 * server, for IPv4 and IPv6.
 */
@RequiresRoot
class PassivePtbIgnoredLabTest {

    @Test
    void theSensorNamesAServerThatKeepsResendingAboveThePacketTooBig() throws Exception {
        KafkaHarness kafka = KafkaHarness.shared();
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String hopTopic = "ignoring-hops-" + suffix;
        String handshakeTopic = "ignoring-handshakes-" + suffix;
        kafka.createTopic(hopTopic, 1);
        kafka.createTopic(handshakeTopic, 1);
        try (Lab lab = Lab.build(Topologies.ptbIgnoringServer())) {
            CommandLine cl = ProbeMain.commandLine();
            StringWriter err = new StringWriter();
            cl.setErr(new PrintWriter(err));
            CompletableFuture<Integer> capture = CompletableFuture.supplyAsync(() -> cl.execute("capture",
                    "--netns", lab.serverNamespace(), "--interface", "left", "--duration", "PT12S",
                    "--bootstrap-servers", kafka.bootstrapServers(), "--hop-topic", hopTopic,
                    "--handshake-topic", handshakeTopic, "--agent-id", "server-sensor"));
            await().atMost(Duration.ofSeconds(10)).until(() -> err.toString().contains("frames/s"));
            for (Family family : Family.values()) {
                // Resends after 0.2, 0.6, 1.4 s (RTO doubling): 3 s sees at least two.
                LabTraffic.httpGet(lab.agent(), lab.truth().serverAddress(family), lab.truth().tcpPort(), 3000);
            }
            assertThat(capture.get()).as(err::toString).isZero();

            List<HandshakeObservation> handshakes = TopicRecords.read(kafka.clientConfig(), handshakeTopic,
                    HandshakeObservation.class, 4, Duration.ofSeconds(20));
            List<HopObservation> hops = TopicRecords.read(kafka.clientConfig(), hopTopic, HopObservation.class,
                    Integer.MAX_VALUE, Duration.ofSeconds(10));
            for (Family family : Family.values()) {
                String server = lab.truth().serverAddress(family);
                HandshakeObservation latest = handshakes.stream()
                        .filter(h -> h.getServerAddress().equals(server) && h.getReturnPath() != null)
                        .reduce((a, b) -> b).orElseThrow(() -> new AssertionError(family + ": no handshake with"
                                + " return-path figures among " + handshakes + "\n" + err));
                assertThat(latest.getReturnPath().getMethod()).isEqualTo(ReturnPathMethod.CAPTURE);
                assertThat(latest.getReturnPath().getSender()).isEqualTo(server);
                assertThat(latest.getReturnPath().getPtbMtu()).isEqualTo(1400);
                assertThat(latest.getReturnPath().getLargestAfterPtb()).isGreaterThan(1400);
                HopObservation ptb = hops.stream().filter(h -> h.getPathId().equals(latest.getPathId()))
                        .max(Comparator.comparing(HopObservation::getSequence)).orElseThrow();
                PathDiagnosis d = ReportBuilder.verdict(List.of(ptb), Optional.of(latest));
                Finding first = d.getFindings().get(0);
                assertThat(first.getCode()).as("%s: %s", family, d.getFindings()).isEqualTo(FindingCode.PTB_IGNORED);
                assertThat(first.getHop()).isEqualTo(server);
                assertThat(first.getMessage()).contains("ignores packet-too-big (seen on the wire)")
                        .contains("above 1400 bytes");
            }
        }
    }

    /** The same download through a plain 1400 link: the server honours the router's message, nothing is flagged. */
    @Test
    void aServerThatHonoursThePacketTooBigIsNotFlagged() throws Exception {
        KafkaHarness kafka = KafkaHarness.shared();
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String hopTopic = "honouring-hops-" + suffix;
        String handshakeTopic = "honouring-handshakes-" + suffix;
        kafka.createTopic(hopTopic, 1);
        kafka.createTopic(handshakeTopic, 1);
        try (Lab lab = Lab.build(Topologies.mtu1400())) {
            CommandLine cl = ProbeMain.commandLine();
            StringWriter err = new StringWriter();
            cl.setErr(new PrintWriter(err));
            CompletableFuture<Integer> capture = CompletableFuture.supplyAsync(() -> cl.execute("capture",
                    "--netns", lab.serverNamespace(), "--interface", "left", "--duration", "PT8S",
                    "--bootstrap-servers", kafka.bootstrapServers(), "--hop-topic", hopTopic,
                    "--handshake-topic", handshakeTopic, "--agent-id", "server-sensor"));
            await().atMost(Duration.ofSeconds(10)).until(() -> err.toString().contains("frames/s"));
            for (Family family : Family.values()) {
                LabTraffic.httpGet(lab.agent(), lab.truth().serverAddress(family), lab.truth().tcpPort(), 1500);
            }
            assertThat(capture.get()).as(err::toString).isZero();
            List<HopObservation> hops = TopicRecords.read(kafka.clientConfig(), hopTopic, HopObservation.class,
                    Integer.MAX_VALUE, Duration.ofSeconds(10));
            List<HandshakeObservation> handshakes = TopicRecords.read(kafka.clientConfig(), handshakeTopic,
                    HandshakeObservation.class, Integer.MAX_VALUE, Duration.ofSeconds(10));
            assertThat(hops).as("the router's packet-too-bigs were seen").isNotEmpty();
            assertThat(handshakes).hasSize(2).allSatisfy(h -> assertThat(h.getReturnPath()).isNull());
        }
    }
}
