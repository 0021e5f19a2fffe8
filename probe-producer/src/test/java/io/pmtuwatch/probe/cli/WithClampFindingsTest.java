package io.pmtuwatch.probe.cli;

import io.pmtuwatch.schemas.Agent;
import io.pmtuwatch.schemas.Finding;
import io.pmtuwatch.schemas.FindingCode;
import io.pmtuwatch.schemas.IpVersion;
import io.pmtuwatch.schemas.MssSummary;
import io.pmtuwatch.schemas.Origin;
import io.pmtuwatch.schemas.PathDiagnosis;
import io.pmtuwatch.schemas.PmtuSource;
import io.pmtuwatch.schemas.Severity;
import io.pmtuwatch.schemas.Target;
import io.pmtuwatch.schemas.Transport;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class WithClampFindingsTest {

    private static Finding finding(FindingCode code, Severity severity) {
        return Finding.newBuilder().setCode(code).setSeverity(severity).setMessage(code.name()).build();
    }

    private static PathDiagnosis healthy() {
        return PathDiagnosis.newBuilder().setPathId("a|10.0.3.2|tcp|8080|v4")
                .setAgent(Agent.newBuilder().setId("a").build())
                .setTarget(Target.newBuilder().setHost("10.0.3.2").setAddress("10.0.3.2").setPort(8080)
                        .setIpVersion(IpVersion.IPV4).setTransport(Transport.TCP).build())
                .setDiagnosedAt(Instant.EPOCH).setFirstObservationAt(Instant.EPOCH).setOrigin(Origin.ACTIVE)
                .setPmtu(1500).setPmtuSource(PmtuSource.LOCAL_INTERFACE).setMss(MssSummary.newBuilder().build())
                .setFindings(List.of(finding(FindingCode.OK, Severity.INFO))).setStatus(Severity.INFO).build();
    }

    @Test
    void aWarningClampMakesTheStatusWarningAndDropsTheOkFinding() {
        PathDiagnosis joined = WithClampFindings.add(healthy(),
                List.of(finding(FindingCode.MSS_CLAMPED, Severity.WARNING)));
        assertThat(joined.getStatus()).isEqualTo(Severity.WARNING);
        assertThat(joined.getFindings()).extracting(Finding::getCode).containsExactly(FindingCode.MSS_CLAMPED);
    }

    @Test
    void anInformationalClampKeepsTheVerdictAndComesAfterWorseFindings() {
        PathDiagnosis warned = PathDiagnosis.newBuilder(healthy())
                .setFindings(List.of(finding(FindingCode.OVERSIZED_MSS, Severity.WARNING)))
                .setStatus(Severity.WARNING).build();
        PathDiagnosis joined = WithClampFindings.add(warned, List.of(finding(FindingCode.MSS_CLAMPED, Severity.INFO)));
        assertThat(joined.getStatus()).isEqualTo(Severity.WARNING);
        assertThat(joined.getFindings()).extracting(Finding::getCode)
                .containsExactly(FindingCode.OVERSIZED_MSS, FindingCode.MSS_CLAMPED);

        PathDiagnosis ok = WithClampFindings.add(healthy(), List.of(finding(FindingCode.MSS_CLAMPED, Severity.INFO)));
        assertThat(ok.getStatus()).isEqualTo(Severity.INFO);
        assertThat(ok.getFindings()).extracting(Finding::getCode).containsExactly(FindingCode.OK, FindingCode.MSS_CLAMPED);
    }

    @Test
    void noClampChangesNothing() {
        assertThat(WithClampFindings.add(healthy(), List.of())).isEqualTo(healthy());
    }
}
