package io.pmtuwatch.probe.capture;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pmtuwatch.probe.cli.ProbeMain;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code analyze --reader}: the built-in reader by default, libpcap on request, the same damage point. */
class AnalyzeReaderOptionTest {

    @Test
    void bothReadersReportTheDamageAtTheSameOffsetInTheirOwnWords() throws Exception {
        Path file = BundledCapturesTest.directory().resolve("suricata_corrupt_record_after6.pcap");
        JsonNode builtin = analyze("analyze", "--json", file.toString()).get("damage");
        JsonNode libpcap = analyze("analyze", "--json", "--reader", "pcap4j", file.toString()).get("damage");
        assertThat(builtin.get("framesRead").asInt()).isEqualTo(6);
        assertThat(libpcap.get("framesRead").asInt()).isEqualTo(6);
        assertThat(builtin.get("offset").asLong()).isEqualTo(5035);
        assertThat(libpcap.get("offset").asLong()).isEqualTo(5035);
        assertThat(builtin.get("message").asText()).startsWith("captured length 4325376");
        assertThat(libpcap.get("message").asText()).contains("pcap_next_ex");
    }

    @Test
    void unknownReaderIsAUsageError() {
        CommandLine cl = ProbeMain.commandLine();
        StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err));
        assertThat(cl.execute("analyze", "--reader", "tshark", "x.pcap")).isEqualTo(2);
        assertThat(err.toString()).contains("unknown reader 'tshark'").contains("builtin").contains("pcap4j");
    }

    private static JsonNode analyze(String... args) throws Exception {
        CommandLine cl = ProbeMain.commandLine();
        StringWriter out = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(new StringWriter()));
        assertThat(cl.execute(args)).isEqualTo(AnalyzeCommand.PARTIAL);
        return new ObjectMapper().readTree(out.toString());
    }
}
