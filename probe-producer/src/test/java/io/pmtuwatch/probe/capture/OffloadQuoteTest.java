package io.pmtuwatch.probe.capture;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A frag-needed quoting a TSO/GRO super-segment, as a capture on the sending host shows it (a tunnel
 * device on that host refuses the 7292-byte segment before the NIC splits it): the quoted length is
 * no packet on any link, so it is neither the MTU before the drop nor a recommended MTU.
 */
class OffloadQuoteTest {

    private static final int ETHERNET = 1;
    private static final String ETHERNET_IPV4 = "02000000000b02000000000a0800";
    // 192.168.0.2:50000 <-> 192.168.0.1:443; checksums zero (the decoder does not verify them).
    private static final String SYN = "45000034 1c46 4000 40 06 0000 c0a80002 c0a80001"
            + "c350 01bb 00000001 00000000 8002 faf0 0000 0000 020405b4 01030307 01010402";
    private static final String SYN_ACK = "45000034 1c47 4000 40 06 0000 c0a80001 c0a80002"
            + "01bb c350 00000064 00000002 8012 faf0 0000 0000 02040578 01030307 01010402";
    // Frag-needed from 10.0.1.1, next-hop MTU 1438, quoting a 7292-byte (0x1c7c) segment of the flow.
    private static final String FRAG_NEEDED = "45000038 1c48 0000 3e 01 0000 0a000101 c0a80002"
            + "0304 0000 0000 059e"
            + "45001c7c 1c49 4000 40 06 0000 c0a80002 c0a80001 c350 01bb 00000002";

    @Test
    void aQuotedSuperSegmentIsNeitherTheMtuBeforeTheDropNorARecommendedMtu(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("tso_fragneeded1438.pcap");
        CaptureBytes capture = CaptureBytes.pcap(ByteOrder.LITTLE_ENDIAN, false, ETHERNET);
        int second = 1;
        for (String packet : new String[] {SYN, SYN_ACK, FRAG_NEEDED}) {
            byte[] frame = HexFormat.of().parseHex((ETHERNET_IPV4 + packet).replaceAll("\\s", ""));
            capture.record(second++, 0, frame.length, frame);
        }
        Files.write(file, capture.bytes());

        AnalyzeRun run = AnalyzeRun.of(file);

        JsonNode event = run.json().get("mtuEvents").get(0);
        assertThat(event.get("quotedLength").asInt()).isEqualTo(7292);
        assertThat(event.get("refusedSize").asInt()).as("unknown").isZero();
        assertThat(event.get("valid").asBoolean()).isTrue();
        assertThat(event.get("notes").toString()).contains("offload super-segment");
        JsonNode flow = run.flowTo("192.168.0.1:443");
        assertThat(flow.get("pmtu").asInt()).isEqualTo(1438);
        JsonNode drop = null;
        for (JsonNode f : flow.get("findings")) {
            if (f.get("code").asText().equals("MTU_DROP")) {
                drop = f;
            }
        }
        assertThat(drop).as("MTU_DROP finding in %s", flow.get("findings")).isNotNull();
        assertThat(drop.get("message").asText()).startsWith("The MTU drops to 1438 bytes")
                .contains("The MTU before the drop is unknown").doesNotContain("7292");
        // The SYN-ACK's MSS 1400 is what the flow needs: 1440 on the wire, never the quoted 7292.
        assertThat(drop.get("fix").asText()).contains("to at least 1440").doesNotContain("7292");
    }
}
