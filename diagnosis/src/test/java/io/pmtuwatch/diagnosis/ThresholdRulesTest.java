package io.pmtuwatch.diagnosis;

import static org.assertj.core.api.Assertions.assertThat;

import io.pmtuwatch.schemas.Finding;
import io.pmtuwatch.schemas.FindingCode;
import io.pmtuwatch.schemas.IpVersion;
import io.pmtuwatch.schemas.PathDiagnosis;
import io.pmtuwatch.schemas.Severity;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** Every row of the seed's table, in both IP versions, exactly at and one past each threshold. */
class ThresholdRulesTest {

    /** The agent itself sits on a link of {@code mtu}; a full-size trace reaches the target. */
    private static PathFixture onLink(IpVersion version, int mtu) {
        return PathFixture.of(version).localMtu(mtu).cleanTrace(2, mtu);
    }

    /** A 1500-byte agent; the router at TTL 2 reports {@code pmtu} for the link after it. */
    private static PathFixture behindPtb(IpVersion version, int pmtu) {
        return behindPtb(PathFixture.of(version), pmtu);
    }

    private static PathFixture behindPtb(PathFixture path, int pmtu) {
        return path.timeExceeded(1, 1500).timeExceeded(2, 1500).ptb(2, 1500, pmtu)
                .timeExceeded(3, pmtu).reached(4, pmtu);
    }

    private static List<Finding> findings(PathDiagnosis diagnosis, FindingCode code) {
        return diagnosis.getFindings().stream().filter(f -> f.getCode() == code).toList();
    }

    // ---- undersized PMTU ------------------------------------------------------------------------

    @ParameterizedTest
    @CsvSource({"IPV4, 576", "IPV6, 1280"})
    void aPmtuExactlyAtTheMinimumIsNotUndersized(IpVersion version, int minimum) {
        PathDiagnosis diagnosis = onLink(version, minimum).diagnose(Optional.empty());

        assertThat(diagnosis.getPmtu()).isEqualTo(minimum);
        assertThat(findings(diagnosis, FindingCode.UNDERSIZED_PMTU)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"IPV4, 575, WARNING", "IPV6, 1279, CRITICAL"})
    void aPmtuOneBelowTheMinimumIsUndersized(IpVersion version, int pmtu, Severity severity) {
        PathDiagnosis diagnosis = onLink(version, pmtu).diagnose(Optional.empty());

        assertThat(findings(diagnosis, FindingCode.UNDERSIZED_PMTU)).singleElement()
                .satisfies(f -> assertThat(f.getSeverity()).isEqualTo(severity))
                .satisfies(f -> assertThat(f.getMessage()).contains(String.valueOf(pmtu)))
                .satisfies(f -> assertThat(f.getFix()).contains(String.valueOf(pmtu + 1)));
    }

    @Test
    void anUndersizedIpv4PmtuIsCriticalForADnsServer() {
        PathDiagnosis diagnosis = PathFixture.ipv4().dns().localMtu(575).cleanTrace(2, 575)
                .diagnose(Optional.empty());

        assertThat(findings(diagnosis, FindingCode.UNDERSIZED_PMTU)).singleElement()
                .satisfies(f -> assertThat(f.getSeverity()).isEqualTo(Severity.CRITICAL))
                .satisfies(f -> assertThat(f.getMessage()).contains("DNS"));
    }

    @Test
    void anUndersizedIpv4PmtuFromAPtbNamesTheRouter() {
        PathFixture path = behindPtb(IpVersion.IPV4, 552);

        PathDiagnosis diagnosis = path.diagnose(Optional.empty());

        assertThat(findings(diagnosis, FindingCode.UNDERSIZED_PMTU)).singleElement()
                .satisfies(f -> assertThat(f.getHop()).isEqualTo(path.router(2)))
                .satisfies(f -> assertThat(f.getFix()).contains("link after " + path.router(2), "576"));
    }

    // ---- oversized MSS --------------------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(IpVersion.class)
    void aTargetMssThatExactlyFillsThePmtuIsNotOversized(IpVersion version) {
        PathFixture path = behindPtb(version, 1400);
        int fitting = 1400 - path.headers();

        PathDiagnosis diagnosis = path.diagnose(fitting, fitting);

        assertThat(findings(diagnosis, FindingCode.OVERSIZED_MSS)).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(IpVersion.class)
    void aTargetMssOneByteTooLargeIsOversizedWhateverTheProbesOwnSynSaid(IpVersion version) {
        PathFixture path = behindPtb(version, 1400);
        int fitting = 1400 - path.headers();

        // Our SYN already fits (the probe's kernel learned the PMTU); the target's does not.
        PathDiagnosis diagnosis = path.diagnose(fitting, fitting + 1);

        assertThat(findings(diagnosis, FindingCode.OVERSIZED_MSS)).singleElement()
                .satisfies(f -> assertThat(f.getSeverity()).isEqualTo(Severity.WARNING))
                .satisfies(f -> assertThat(f.getMessage()).contains(
                        "target advertises MSS " + (fitting + 1), "1401", "path MTU of 1400"))
                .satisfies(f -> assertThat(f.getFix()).contains("Clamp TCP MSS to " + fitting, path.router(2)))
                .satisfies(f -> assertThat(f.getHop()).isEqualTo(path.router(2)));
    }

    @ParameterizedTest
    @EnumSource(IpVersion.class)
    void withoutAnInterfaceMtuOurSideIsJudgedOnItsSynAndSaysSo(IpVersion version) {
        PathFixture path = behindPtb(PathFixture.of(version).localMtu(null), 1400);
        int fitting = 1400 - path.headers();
        PathFixture sameWithoutLocal = behindPtb(PathFixture.of(version).localMtu(null), 1400);

        PathDiagnosis fits = path.diagnose(fitting, 1460);
        PathDiagnosis tooBig = sameWithoutLocal.diagnose(fitting + 1, 1460);

        assertThat(findings(fits, FindingCode.OVERSIZED_MSS)).isEmpty();
        assertThat(findings(tooBig, FindingCode.OVERSIZED_MSS)).singleElement()
                .satisfies(f -> assertThat(f.getMessage()).contains("this agent's SYN advertised MSS " + (fitting + 1)));
    }

    @ParameterizedTest
    @EnumSource(IpVersion.class)
    void ourSideIsJudgedOnTheInterfaceMtuNotOnTheProbesRouteException(IpVersion version) {
        PathFixture path = behindPtb(version, 1400);
        PathFixture fresh = behindPtb(version, 1400);
        int learned = 1400 - path.headers();
        int fromInterface = 1500 - path.headers();

        PathDiagnosis cached = path.diagnose(learned, 1460);
        PathDiagnosis first = fresh.diagnose(fromInterface, 1460);

        assertThat(findings(cached, FindingCode.OVERSIZED_MSS)).singleElement()
                .satisfies(f -> assertThat(f.getMessage()).contains(
                        "interface MTU of 1500 advertises MSS " + fromInterface).doesNotContain(
                        String.valueOf(learned) + " ("));
        assertThat(cached.getMss().getSent()).isEqualTo(fromInterface);
        assertThat(cached.getMss().getProbeSyn()).as("the SYN's own value, apart").isEqualTo(learned);
        assertThat(first.getMss().getProbeSyn()).as("not repeated when it matches").isNull();
        assertThat(cached.getFindings()).as("the route cache changes no finding").isEqualTo(first.getFindings());
        assertThat(cached.getMss().getEffective()).isEqualTo(first.getMss().getEffective());
    }

    @Test
    void aCapturedHandshakeIsJudgedOnTheClientsOwnSynNotOnTheSensorsInterface() {
        PathFixture path = PathFixture.ipv4().passivePtb("10.0.9.1", 1500, 1400);
        PathFixture fitting = PathFixture.ipv4().passivePtb("10.0.9.1", 1500, 1400);

        PathDiagnosis oversized = path.diagnose(Optional.of(path.capturedHandshake(1460, null)));
        PathDiagnosis fits = fitting.diagnose(Optional.of(fitting.capturedHandshake(1360, null)));

        assertThat(findings(oversized, FindingCode.OVERSIZED_MSS)).singleElement()
                .satisfies(f -> assertThat(f.getMessage()).contains("the client's SYN advertised MSS 1460"))
                .satisfies(f -> assertThat(f.getHop()).isEqualTo("10.0.9.1"));
        assertThat(findings(fits, FindingCode.OVERSIZED_MSS)).isEmpty();
    }

    @Test
    void aClampedTargetMssMeansTheWholePathFitsEvenThoughOurInterfaceIsLarger() {
        PathDiagnosis diagnosis = behindPtb(IpVersion.IPV4, 1400).diagnose(1460, 1360);

        assertThat(findings(diagnosis, FindingCode.OVERSIZED_MSS)).isEmpty();
        assertThat(diagnosis.getFindings()).extracting(Finding::getCode).contains(FindingCode.OK);
    }

    // ---- undersized MSS -------------------------------------------------------------------------

    @ParameterizedTest
    @CsvSource({"IPV4, 1380", "IPV6, 1220"})
    void anMssExactlyAtTheMinimumIsNotUndersized(IpVersion version, int minimum) {
        PathDiagnosis diagnosis = onLink(version, 1500).diagnose(1460, minimum);

        assertThat(findings(diagnosis, FindingCode.UNDERSIZED_MSS)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"IPV4, 1379", "IPV6, 1219"})
    void aTargetMssOneBelowTheMinimumIsUndersizedWhenThePathAllowsMore(IpVersion version, int mss) {
        PathFixture path = onLink(version, 1500);

        PathDiagnosis diagnosis = path.diagnose(1460, mss);

        assertThat(findings(diagnosis, FindingCode.UNDERSIZED_MSS)).singleElement()
                .satisfies(f -> assertThat(f.getSeverity()).isEqualTo(Severity.WARNING))
                .satisfies(f -> assertThat(f.getMessage()).contains("target advertises MSS " + mss, "below " + (mss + 1)))
                .satisfies(f -> assertThat(f.getHop()).isEqualTo(path.targetAddress()))
                .satisfies(f -> assertThat(f.getFix()).contains("Raise the MSS", String.valueOf(1500 - path.headers())));
    }

    @ParameterizedTest
    @CsvSource({"IPV4, 1379", "IPV6, 1219"})
    void dnsIsExemptFromTheUndersizedMssRule(IpVersion version, int mss) {
        PathDiagnosis diagnosis = PathFixture.of(version).dns().cleanTrace(2, 1500).diagnose(1460, mss);

        assertThat(findings(diagnosis, FindingCode.UNDERSIZED_MSS)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"IPV4, 1379", "IPV6, 1219"})
    void anMssForcedByASmallInterfaceMtuIsNotUndersized(IpVersion version, int mss) {
        PathFixture path = onLink(version, mss + PathFixture.of(version).headers());

        PathDiagnosis diagnosis = path.diagnose(mss, mss);

        assertThat(findings(diagnosis, FindingCode.UNDERSIZED_MSS)).isEmpty();
    }

    @Test
    void aClampedMssThatThePathForcesIsNotUndersized() {
        PathDiagnosis diagnosis = behindPtb(IpVersion.IPV4, 1400).diagnose(1460, 1360);

        assertThat(findings(diagnosis, FindingCode.UNDERSIZED_MSS)).isEmpty();
    }

    @Test
    void aTargetMssBelowTheMinimumAndBelowWhatASmallPathAllowsIsUndersized() {
        PathFixture path = behindPtb(IpVersion.IPV4, 1400);

        PathDiagnosis diagnosis = path.diagnose(1460, 1200);

        assertThat(findings(diagnosis, FindingCode.UNDERSIZED_MSS)).singleElement()
                .satisfies(f -> assertThat(f.getSeverity()).isEqualTo(Severity.WARNING))
                .satisfies(f -> assertThat(f.getMessage()).contains("MSS 1200", "path carries MSS 1360"))
                .satisfies(f -> assertThat(f.getFix()).contains("1360"));
    }

    @Test
    void anEffectiveMssShrunkByAPtbBelowTheMinimumIsStatedWithTheMtuDrop() {
        PathFixture path = behindPtb(IpVersion.IPV4, 1400);

        PathDiagnosis diagnosis = path.diagnose(1460, 1460);

        assertThat(diagnosis.getMss().getEffective()).isEqualTo(1360);
        assertThat(findings(diagnosis, FindingCode.UNDERSIZED_MSS)).isEmpty();
        assertThat(findings(diagnosis, FindingCode.MTU_DROP)).singleElement()
                .satisfies(f -> assertThat(f.getMessage()).contains("MSS 1360", "below 1380", "at least 1420"))
                .satisfies(f -> assertThat(f.getFix()).contains(path.router(2), "raise the MTU"));
    }

    @Test
    void aDropThatLeavesRoomForAFullMssSaysNothingAboutSmallSegments() {
        PathDiagnosis diagnosis = behindPtb(IpVersion.IPV4, 1450).diagnose(1460, 1460);

        assertThat(findings(diagnosis, FindingCode.MTU_DROP)).singleElement()
                .satisfies(f -> assertThat(f.getMessage()).doesNotContain("forces TCP segments"));
    }

    @Test
    void aProbeSynShrunkByAnEarlierRunIsNotAnUndersizedMss() {
        // The probe's kernel still remembers a 1380 PMTU from an earlier run; this run found 1500.
        PathDiagnosis diagnosis = onLink(IpVersion.IPV4, 1500).diagnose(1340, 1460);

        assertThat(findings(diagnosis, FindingCode.UNDERSIZED_MSS)).isEmpty();
        assertThat(diagnosis.getFindings()).extracting(Finding::getCode).containsExactly(FindingCode.OK);
    }

    // ---- normal ---------------------------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(IpVersion.class)
    void anMssThatExactlyFillsThePmtuIsOk(IpVersion version) {
        PathFixture path = onLink(version, 1500);
        int mss = 1500 - path.headers();

        PathDiagnosis diagnosis = path.diagnose(mss, mss);

        assertThat(diagnosis.getFindings()).singleElement()
                .satisfies(f -> assertThat(f.getCode()).isEqualTo(FindingCode.OK))
                .satisfies(f -> assertThat(f.getSeverity()).isEqualTo(Severity.INFO))
                .satisfies(f -> assertThat(f.getMessage()).contains(mss + " + " + path.headers() + " = 1500 <= 1500"))
                .satisfies(f -> assertThat(f.getFix()).isNull());
        assertThat(diagnosis.getStatus()).isEqualTo(Severity.INFO);
    }

    // ---- PMTUD failure --------------------------------------------------------------------------

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "IPV4 | ICMP type 3 code 4 | iptables",
        "IPV6 | ICMPv6 type 2 | ip6tables",
    })
    void aBlackHoleIsCriticalInBothVersions(IpVersion version, String icmp, String clampTool) {
        PathFixture path = PathFixture.of(version).cleanTrace(4, 1400)
                .searchAttempts(1500, false, false, false)
                .searchAttempts(1400, true)
                .searchAttempts(1450, false, false, false)
                .localizeAnswered(1, 1500).localizeAnswered(2, 1500).localizeSilent(3, 1500).localizeSilent(4, 1500);

        PathDiagnosis diagnosis = path.diagnose(path.handshake(1500 - path.headers()));

        Finding first = diagnosis.getFindings().get(0);
        assertThat(first.getCode()).isEqualTo(FindingCode.PMTUD_FAILURE);
        assertThat(first.getSeverity()).isEqualTo(Severity.CRITICAL);
        assertThat(first.getHop()).isEqualTo(path.router(2));
        assertThat(first.getMessage()).contains("1400", "1450", path.router(2), "TTL 2");
        assertThat(first.getFix()).contains(icmp, path.router(2) + " and the hops after it",
                "clamp TCP MSS to " + (1400 - path.headers()), clampTool);
        assertThat(diagnosis.getStatus()).isEqualTo(Severity.CRITICAL);
        // No packet-too-big will rescue an oversized MSS here: that too loses packets.
        assertThat(findings(diagnosis, FindingCode.OVERSIZED_MSS)).singleElement()
                .satisfies(f -> assertThat(f.getSeverity()).isEqualTo(Severity.CRITICAL));
    }
}
