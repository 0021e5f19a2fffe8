package io.pmtuwatch.diagnosis;

import static org.assertj.core.api.Assertions.assertThat;

import io.pmtuwatch.schemas.Finding;
import io.pmtuwatch.schemas.FindingCode;
import io.pmtuwatch.schemas.PathDiagnosis;
import io.pmtuwatch.schemas.PmtuSource;
import io.pmtuwatch.schemas.Severity;
import org.junit.jupiter.api.Test;

class PathDiagnoserTest {

    @Test
    void aCleanIpv4PathWithFittingMssIsOk() {
        PathDiagnosis diagnosis = PathFixture.ipv4().cleanTrace(3, 1500).diagnose(1460, 1460);

        assertThat(diagnosis.getPmtu()).isEqualTo(1500);
        assertThat(diagnosis.getPmtuSource()).isEqualTo(PmtuSource.LOCAL_INTERFACE);
        assertThat(diagnosis.getMss().getEffective()).isEqualTo(1460);
        assertThat(diagnosis.getFindings()).extracting(Finding::getCode).containsExactly(FindingCode.OK);
        assertThat(diagnosis.getStatus()).isEqualTo(Severity.INFO);
        assertThat(diagnosis.getComplete()).isTrue();
    }

    @Test
    void aPtbLowersThePmtuAndTheServersFullSizeMssIsOversized() {
        PathFixture path = PathFixture.ipv4();
        path.timeExceeded(1, 1500).timeExceeded(2, 1500).ptb(2, 1500, 1400)
                .timeExceeded(3, 1400).reached(4, 1400);

        PathDiagnosis diagnosis = path.diagnose(1460, 1460);

        assertThat(diagnosis.getPmtu()).isEqualTo(1400);
        assertThat(diagnosis.getPmtuSource()).isEqualTo(PmtuSource.PTB);
        assertThat(diagnosis.getMss().getEffective()).isEqualTo(1360);
        Finding oversized = diagnosis.getFindings().get(0);
        assertThat(oversized.getCode()).isEqualTo(FindingCode.OVERSIZED_MSS);
        assertThat(oversized.getSeverity()).isEqualTo(Severity.WARNING);
        assertThat(oversized.getMessage()).contains("1460", "1400");
        assertThat(oversized.getFix()).contains("1360", path.router(2));
        assertThat(oversized.getHop()).isEqualTo(path.router(2));
        assertThat(diagnosis.getStatus()).isEqualTo(Severity.WARNING);
    }
}
