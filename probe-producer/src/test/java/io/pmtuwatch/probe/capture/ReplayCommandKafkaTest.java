package io.pmtuwatch.probe.capture;

import static org.assertj.core.api.Assertions.assertThat;

import io.pmtuwatch.probe.cli.ProbeMain;
import io.pmtuwatch.schemas.HandshakeObservation;
import io.pmtuwatch.schemas.HopObservation;
import io.pmtuwatch.schemas.HopOutcome;
import io.pmtuwatch.schemas.MssMethod;
import io.pmtuwatch.schemas.Origin;
import io.pmtuwatch.schemas.ProbeMethod;
import io.pmtuwatch.schemas.ProbePhase;
import io.pmtuwatch.embedded.KafkaHarness;
import io.pmtuwatch.testsupport.TopicRecords;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code replay} on the in-process broker: the capture's handshakes and frag-needed messages, read back. */
class ReplayCommandKafkaTest {

    @Test
    void replaysHandshakesAndFragNeededOfTheSmtpCapture() throws Exception {
        KafkaHarness kafka = KafkaHarness.shared();
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String hopTopic = "hops-" + suffix;
        String handshakeTopic = "handshakes-" + suffix;
        kafka.createTopic(hopTopic, 3);
        kafka.createTopic(handshakeTopic, 3);
        CommandLine cl = ProbeMain.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));

        int code = cl.execute("replay", BundledCapturesTest.directory().resolve("zeek_smtp_fragneeded1492.pcap")
                .toString(), "--bootstrap-servers", kafka.bootstrapServers(), "--hop-topic", hopTopic,
                "--handshake-topic", handshakeTopic, "--agent-id", "replay-test");

        assertThat(code).as(err::toString).isZero();
        assertThat(out.toString()).contains("3 handshake and 4 hop observations");
        List<HandshakeObservation> handshakes = TopicRecords.read(kafka.clientConfig(), handshakeTopic,
                HandshakeObservation.class, 3, Duration.ofSeconds(20));
        List<HopObservation> hops = TopicRecords.read(kafka.clientConfig(), hopTopic, HopObservation.class, 4,
                Duration.ofSeconds(20));
        assertThat(handshakes).hasSize(3).allSatisfy(h -> {
            assertThat(h.getOrigin()).isEqualTo(Origin.REPLAY);
            assertThat(h.getMethod()).isEqualTo(MssMethod.CAPTURE);
        });
        assertThat(handshakes).extracting(HandshakeObservation::getMssReceived).containsExactlyInAnyOrder(1460, 1460,
                1440);
        assertThat(hops).hasSize(4).allSatisfy(h -> {
            assertThat(h.getPhase()).isEqualTo(ProbePhase.PASSIVE);
            assertThat(h.getMethod()).isEqualTo(ProbeMethod.NONE);
            assertThat(h.getOrigin()).isEqualTo(Origin.REPLAY);
            assertThat(h.getOutcome()).isEqualTo(HopOutcome.PACKET_TOO_BIG);
            assertThat(h.getReportedMtu()).isEqualTo(1492);
            assertThat(h.getResponder()).isEqualTo("192.168.1.1");
            assertThat(h.getPathId()).isEqualTo("replay-test|74.53.140.153|tcp|25|v4");
            assertThat(h.getLastInRun()).isTrue();
        });
    }
}
