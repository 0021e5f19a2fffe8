package io.pmtuwatch.stream.sink;

import static org.assertj.core.api.Assertions.assertThat;

import io.pmtuwatch.schemas.MtuDrop;
import io.pmtuwatch.schemas.PathDiagnosis;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A drop whose MTU before is unknown (null) is indexed without a before value or a reduction. */
class UnknownMtuBeforeDropTest {

    @SuppressWarnings("unchecked")
    @Test
    void aDropFromAnUnknownMtuHasNoBeforeNorReduction() {
        PathDiagnosis measured = SinkFixtures.diagnosis("run-1", Instant.parse("2025-03-01T10:00:00Z"));
        MtuDrop drop = MtuDrop.newBuilder(measured.getMtuDrops().get(0)).setFromMtu(null).build();
        PathDiagnosis d = PathDiagnosis.newBuilder(measured).setMtuDrops(List.of(drop)).build();

        Map<String, Object> doc = MtuDropDocuments.document(d, 0);

        Map<String, Object> link = (Map<String, Object>) ((Map<String, Object>) doc.get("pmtu")).get("link");
        assertThat(link).doesNotContainKeys("mtu_before", "mtu_reduction").containsEntry("mtu_after", 1400);
        assertThat((String) doc.get("message")).startsWith("MTU drops from an unknown MTU to 1400 on link ");
    }
}
