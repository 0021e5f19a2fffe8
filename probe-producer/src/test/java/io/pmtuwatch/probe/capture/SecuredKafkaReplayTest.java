package io.pmtuwatch.probe.capture;

import static org.assertj.core.api.Assertions.assertThat;

import io.pmtuwatch.probe.cli.ProbeMain;
import io.pmtuwatch.schemas.HopObservation;
import io.pmtuwatch.embedded.KafkaHarness;
import io.pmtuwatch.testsupport.TopicRecords;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Publishing to a broker that wants SASL: the {@code --kafka-config} client properties file is what
 * gets an observation in, a wrong password is reported, a typo in the file stops before any connection.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SecuredKafkaReplayTest {

    private static final String HOPS = "secured-hops";
    private static final String HANDSHAKES = "secured-handshakes";

    private KafkaHarness.Secured kafka;

    @TempDir
    Path dir;

    @BeforeAll
    void startBroker() throws Exception {
        kafka = KafkaHarness.startSaslPlain();
        try (Admin admin = Admin.create(kafka.clientConfig())) {
            admin.createTopics(List.of(new NewTopic(HOPS, 1, (short) 1), new NewTopic(HANDSHAKES, 1, (short) 1)))
                    .all().get();
        }
    }

    @AfterAll
    void stopBroker() {
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void theClientConfigFileAuthenticatesTheReplay() throws Exception {
        Path config = Files.write(dir.resolve("client.properties"),
                KafkaHarness.Secured.clientConfigLines(KafkaHarness.SASL_USER, KafkaHarness.SASL_PASSWORD));

        Result result = replay("--kafka-config", config.toString());

        assertThat(result.code()).as(result.err()).isZero();
        assertThat(TopicRecords.read(kafka.clientConfig(), HOPS, HopObservation.class, 4, Duration.ofSeconds(20)))
                .hasSize(4).allSatisfy(h -> assertThat(h.getReportedMtu()).isEqualTo(1492));
    }

    @Test
    void aWrongPasswordIsReportedAsAnAuthenticationFailure() throws Exception {
        Path config = Files.write(dir.resolve("wrong.properties"),
                KafkaHarness.Secured.clientConfigLines(KafkaHarness.SASL_USER, "not-the-password"));

        Result result = replay("--kafka-config", config.toString());

        assertThat(result.code()).isNotZero();
        assertThat(result.err()).containsIgnoringCase("authentication");
    }

    @Test
    void aTypoInTheFileStopsBeforeConnecting() throws Exception {
        Path config = Files.write(dir.resolve("typo.properties"),
                List.of("security.protocol=SASL_PLAINTEXT", "sasl.mechansim=PLAIN"));

        Result result = replay("--kafka-config", config.toString());

        assertThat(result.code()).isNotZero();
        assertThat(result.err()).contains("typo.properties line 2: 'sasl.mechansim' is not a Kafka client setting");
    }

    private record Result(int code, String out, String err) {
    }

    private Result replay(String... extra) throws Exception {
        CommandLine cl = ProbeMain.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        List<String> args = new ArrayList<>(List.of("replay",
                BundledCapturesTest.directory().resolve("zeek_smtp_fragneeded1492.pcap").toString(),
                "--bootstrap-servers", kafka.bootstrapServers(), "--hop-topic", HOPS, "--handshake-topic", HANDSHAKES,
                "--agent-id", "secured-replay"));
        args.addAll(List.of(extra));
        int code = cl.execute(args.toArray(String[]::new));
        return new Result(code, out.toString(), err.toString());
    }
}
