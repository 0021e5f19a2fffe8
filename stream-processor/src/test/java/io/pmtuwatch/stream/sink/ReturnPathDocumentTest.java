package io.pmtuwatch.stream.sink;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pmtuwatch.schemas.PathDiagnosis;
import io.pmtuwatch.schemas.ReturnPath;
import io.pmtuwatch.schemas.ReturnPathMethod;
import io.pmtuwatch.schemas.ReturnPathOutcome;
import io.pmtuwatch.schemas.ReturnPathRequest;
import java.io.InputStream;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The return-path figures and the probe method reach the diagnosis document, and the index mapping
 * knows every one of them.
 */
class ReturnPathDocumentTest {

    @Test
    @SuppressWarnings("unchecked")
    void returnPathFiguresAreMappedUnderPmtuReturnPath() throws Exception {
        PathDiagnosis d = SinkFixtures.diagnosis("run-rp", Instant.parse("2026-01-01T00:00:00Z"));
        d.setReturnPath(ReturnPath.newBuilder().setMethod(ReturnPathMethod.PCAP).setRequest(ReturnPathRequest.HTTP_GET)
                .setOutcome(ReturnPathOutcome.STALLED).setTargetMss(1460).setMssAdvertised(1460).setLargestSegment(288)
                .setLargestPacket(340).setSegmentsReceived(1).setBytesReceived(0).setOutOfOrderSegments(1)
                .setPtbMtu(1280).setShrankAfterPtb(true).setLargestAfterPtb(1280).setDurationMicros(2_100_000)
                .setError("a note").build());
        Map<String, Object> rp = (Map<String, Object>) ((Map<String, Object>) DiagnosisDocuments.document(d)
                .get("pmtu")).get("return_path");
        assertThat(rp).containsEntry("outcome", "STALLED").containsEntry("shrank_after_ptb", true)
                .containsEntry("ptb_mtu", 1280).containsEntry("duration_ms", 2100.0);

        JsonNode mapped;
        try (InputStream in = DiagnosisDocuments.class.getResourceAsStream(
                "/elasticsearch/component/pmtu-diagnoses-mappings.json")) {
            mapped = new ObjectMapper().readTree(in).at("/template/mappings/properties/pmtu/properties/return_path/properties");
        }
        assertThat(rp.keySet()).allSatisfy(field -> assertThat(mapped.has(field)).as(field).isTrue());
    }

    @Test
    void probeMethodIsAKeywordUnderPmtu() throws Exception {
        PathDiagnosis d = SinkFixtures.diagnosis("run-pm", Instant.parse("2026-01-01T00:00:00Z"));
        d.setProbeMethod(io.pmtuwatch.schemas.ProbeMethod.TCP_SYN);
        @SuppressWarnings("unchecked")
        Map<String, Object> pmtu = (Map<String, Object>) DiagnosisDocuments.document(d).get("pmtu");
        assertThat(pmtu).containsEntry("probe_method", "TCP_SYN");
        try (InputStream in = DiagnosisDocuments.class.getResourceAsStream(
                "/elasticsearch/component/pmtu-diagnoses-mappings.json")) {
            assertThat(new ObjectMapper().readTree(in).at("/template/mappings/properties/pmtu/properties/probe_method/type")
                    .asText()).isEqualTo("keyword");
        }
    }
}
