package io.pmtuwatch.diagnosis.internals;

import static org.assertj.core.api.Assertions.assertThat;

import io.pmtuwatch.schemas.Finding;
import io.pmtuwatch.schemas.FindingCode;
import io.pmtuwatch.schemas.Severity;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FindingOrderTest {

    private static Finding finding(FindingCode code, Severity severity, String hop) {
        return Finding.newBuilder().setCode(code).setSeverity(severity).setMessage(code.name()).setHop(hop).build();
    }

    @Test
    void sortsBySeverityThenCodeAndKeepsDropsInPathOrder() {
        List<Finding> findings = new ArrayList<>(List.of(
                finding(FindingCode.MTU_DROP, Severity.INFO, "first"),
                finding(FindingCode.INVALID_PTB, Severity.INFO, null),
                finding(FindingCode.OVERSIZED_MSS, Severity.WARNING, null),
                finding(FindingCode.MTU_DROP, Severity.INFO, "second"),
                finding(FindingCode.UNDERSIZED_MSS, Severity.WARNING, null),
                finding(FindingCode.PMTUD_FAILURE, Severity.CRITICAL, null)));

        findings.sort(FindingOrder.WORST_FIRST);

        assertThat(findings).extracting(Finding::getCode).containsExactly(FindingCode.PMTUD_FAILURE,
                FindingCode.OVERSIZED_MSS, FindingCode.UNDERSIZED_MSS, FindingCode.MTU_DROP, FindingCode.MTU_DROP,
                FindingCode.INVALID_PTB);
        assertThat(findings).filteredOn(f -> f.getCode() == FindingCode.MTU_DROP).extracting(Finding::getHop)
                .containsExactly("first", "second");
    }

    @Test
    void statusIsTheWorstSeverityAndUnknownOnlyWithoutFindings() {
        assertThat(FindingOrder.status(List.of())).isEqualTo(Severity.UNKNOWN);
        assertThat(FindingOrder.status(List.of(finding(FindingCode.OK, Severity.INFO, null)))).isEqualTo(Severity.INFO);
        assertThat(FindingOrder.status(List.of(
                finding(FindingCode.UNKNOWN, Severity.UNKNOWN, null),
                finding(FindingCode.MTU_DROP, Severity.INFO, null),
                finding(FindingCode.OVERSIZED_MSS, Severity.WARNING, null)))).isEqualTo(Severity.WARNING);
    }
}
