package io.pmtuwatch.diagnosis;

import static org.assertj.core.api.Assertions.assertThat;

import io.pmtuwatch.schemas.DiagnosedHop;
import io.pmtuwatch.schemas.Finding;
import io.pmtuwatch.schemas.FindingCode;
import io.pmtuwatch.schemas.HopOutcome;
import io.pmtuwatch.schemas.MtuDrop;
import io.pmtuwatch.schemas.PathDiagnosis;
import io.pmtuwatch.schemas.PmtuSource;
import io.pmtuwatch.schemas.Severity;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Whole paths, as the probe reports them, and what the diagnosis must say about them. */
class PathScenariosTest {

    /** Seed case #3: a 1400-byte link in the middle of a five-router IPv4 path. */
    private static PathFixture linkOf1400AfterRouter3() {
        return PathFixture.ipv4()
                .timeExceeded(1, 1500).timeExceeded(2, 1500).timeExceeded(3, 1500)
                .ptb(3, 1500, 1400)
                .timeExceeded(4, 1400).timeExceeded(5, 1400).reached(6, 1400);
    }

    @Test
    void aLinkOf1400InTheMiddleIsNamedByItsRouterAndNextHop() {
        PathFixture path = linkOf1400AfterRouter3();

        PathDiagnosis diagnosis = path.diagnose(1460, 1460);

        assertThat(diagnosis.getPmtu()).isEqualTo(1400);
        assertThat(diagnosis.getPmtuSource()).isEqualTo(PmtuSource.PTB);
        assertThat(diagnosis.getMtuDrops()).singleElement().satisfies(drop -> {
            assertThat(drop.getRouter()).isEqualTo(path.router(3));
            assertThat(drop.getRouterTtl()).isEqualTo(3);
            assertThat(drop.getNextHop()).isEqualTo(path.router(4));
            assertThat(drop.getFromMtu()).isEqualTo(1500);
            assertThat(drop.getToMtu()).isEqualTo(1400);
            assertThat(drop.getLikelyCause()).contains("IPsec ESP", "likely");
        });
        assertThat(diagnosis.getHops()).extracting(DiagnosedHop::getTtl).containsExactly(1, 2, 3, 4, 5, 6);
        assertThat(diagnosis.getHops()).extracting(DiagnosedHop::getPathMtu)
                .containsExactly(1500, 1500, 1500, 1400, 1400, 1400);
        assertThat(diagnosis.getHops()).extracting(DiagnosedHop::getAddress)
                .containsExactly(path.router(1), path.router(2), path.router(3), path.router(4), path.router(5),
                        path.targetAddress());
        assertThat(diagnosis.getFindings()).filteredOn(f -> f.getCode() == FindingCode.MTU_DROP).singleElement()
                .satisfies(f -> assertThat(f.getSeverity()).isEqualTo(Severity.INFO))
                .satisfies(f -> assertThat(f.getHop()).isEqualTo(path.router(3)))
                .satisfies(f -> assertThat(f.getMessage()).contains("1500", "1400", path.router(3), path.router(4)));
        assertThat(diagnosis.getFindings()).extracting(Finding::getCode)
                .containsExactly(FindingCode.OVERSIZED_MSS, FindingCode.MTU_DROP);
        assertThat(diagnosis.getStatus()).isEqualTo(Severity.WARNING);
    }

    @Test
    void aVxlanLinkIsRecognisedFrom1450() {
        PathFixture path = PathFixture.ipv4().timeExceeded(1, 1500).ptb(1, 1500, 1450).timeExceeded(2, 1450)
                .reached(3, 1450);

        PathDiagnosis diagnosis = path.diagnose(1460, 1410);

        assertThat(diagnosis.getMtuDrops()).singleElement().satisfies(drop -> {
            assertThat(drop.getLikelyCause()).isEqualTo("VXLAN over IPv4 (likely)");
            assertThat(drop.getRouter()).isEqualTo(path.router(1));
            assertThat(drop.getNextHop()).isEqualTo(path.router(2));
        });
        assertThat(diagnosis.getFindings()).extracting(Finding::getCode)
                .containsExactly(FindingCode.MTU_DROP, FindingCode.OK);
    }

    @Test
    void anIpv6TunnelAtTheMinimumMtuWithAFullSizeServerMssIsOversized() {
        PathFixture path = PathFixture.ipv6().timeExceeded(1, 1500).timeExceeded(2, 1500).ptb(2, 1500, 1280)
                .timeExceeded(3, 1280).reached(4, 1280);

        PathDiagnosis diagnosis = path.diagnose(1440, 1440);

        assertThat(diagnosis.getPmtu()).isEqualTo(1280);
        assertThat(diagnosis.getMss().getSent()).isEqualTo(1440);
        assertThat(diagnosis.getMss().getReceived()).isEqualTo(1440);
        assertThat(diagnosis.getMss().getEffective()).isEqualTo(1220);
        assertThat(diagnosis.getMtuDrops()).singleElement()
                .satisfies(drop -> assertThat(drop.getLikelyCause()).contains("IPv6 minimum MTU"));
        Finding oversized = diagnosis.getFindings().get(0);
        assertThat(oversized.getCode()).isEqualTo(FindingCode.OVERSIZED_MSS);
        assertThat(oversized.getMessage()).contains("MSS 1440", "1440 (", "+ 60 header bytes = 1500",
                "IPv6 path MTU of 1280", "shrink them to MSS 1220");
        assertThat(oversized.getFix()).contains("Clamp TCP MSS to 1220 at " + path.router(2), "ip6tables",
                "ipv6 tcp adjust-mss 1220");
        assertThat(oversized.getHop()).isEqualTo(path.router(2));
        // 1280 is the IPv6 minimum: allowed, not undersized; MSS 1220 is exactly the IPv6 minimum.
        assertThat(diagnosis.getFindings()).extracting(Finding::getCode)
                .doesNotContain(FindingCode.UNDERSIZED_PMTU, FindingCode.UNDERSIZED_MSS);
    }

    @Test
    void twoNarrowingLinksGiveTwoDropsInPathOrder() {
        PathFixture path = PathFixture.ipv4()
                .timeExceeded(1, 1500).ptb(1, 1500, 1480)
                .timeExceeded(2, 1480).timeExceeded(3, 1480).ptb(3, 1480, 1420)
                .timeExceeded(4, 1420).reached(5, 1420);

        PathDiagnosis diagnosis = path.diagnose(1460, 1460);

        assertThat(diagnosis.getMtuDrops()).extracting(MtuDrop::getRouter, MtuDrop::getFromMtu, MtuDrop::getToMtu)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(path.router(1), 1500, 1480),
                        org.assertj.core.groups.Tuple.tuple(path.router(3), 1480, 1420));
        assertThat(diagnosis.getHops()).extracting(DiagnosedHop::getPathMtu).containsExactly(1500, 1480, 1480, 1420, 1420);
        assertThat(diagnosis.getPmtu()).isEqualTo(1420);
    }

    @Test
    void aPtbNeverRaisesThePathMtu() {
        PathFixture path = PathFixture.ipv4()
                .timeExceeded(1, 1500).timeExceeded(2, 1500).ptb(2, 1500, 1400)
                .timeExceeded(3, 1400)
                // A later router claims a wider link than the one we already crossed.
                .ptbFrom("10.0.4.1", 5, 1500, 1450)
                .timeExceeded(4, 1400).reached(5, 1400);

        PathDiagnosis diagnosis = path.diagnose(1360, 1360);

        assertThat(diagnosis.getPmtu()).isEqualTo(1400);
        assertThat(diagnosis.getMtuDrops()).extracting(MtuDrop::getToMtu).containsExactly(1400);
        assertThat(diagnosis.getHops()).extracting(DiagnosedHop::getPathMtu).containsExactly(1500, 1500, 1400, 1400, 1400);
    }

    @Test
    void spoofedAndImpossiblePtbsAreIgnoredAndCounted() {
        PathFixture path = PathFixture.ipv6()
                .timeExceeded(1, 1500)
                .invalidPtb(1, 1500, 1300, "quoted probe does not match any probe of ours")
                .ptbFrom("2001:db8:bad::1", 2, 1500, 1200)   // below the IPv6 minimum, not flagged by the producer
                .ptbFrom("2001:db8:bad::2", 2, 1400, 1400)   // not smaller than the probe it refuses
                .timeExceeded(2, 1500).reached(3, 1500);

        PathDiagnosis diagnosis = path.diagnose(1440, 1440);

        assertThat(diagnosis.getInvalidPtbCount()).isEqualTo(3);
        assertThat(diagnosis.getPmtu()).isEqualTo(1500);
        assertThat(diagnosis.getPmtuSource()).isEqualTo(PmtuSource.LOCAL_INTERFACE);
        assertThat(diagnosis.getMtuDrops()).isEmpty();
        assertThat(diagnosis.getFindings()).extracting(Finding::getCode)
                .containsExactly(FindingCode.INVALID_PTB, FindingCode.OK);
        assertThat(diagnosis.getFindings().get(0).getMessage())
                .contains("3 packet-too-big messages were ignored", "quoted probe does not match", "below the minimum 1280",
                        "not smaller than the 1400-byte probe");
    }

    @Test
    void silentHopsStayInTheListWithoutAddressAndLeaveTheNextHopUnknown() {
        PathFixture path = PathFixture.ipv4()
                .timeExceeded(1, 1500).silent(2, 1500).timeExceeded(3, 1500)
                .ptb(3, 1500, 1476)
                .silent(4, 1476).silent(4, 1476).reached(5, 1476);

        PathDiagnosis diagnosis = path.diagnose(1436, 1436);

        assertThat(diagnosis.getHops()).extracting(DiagnosedHop::getTtl, DiagnosedHop::getAddress, DiagnosedHop::getOutcome)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(1, path.router(1), HopOutcome.TIME_EXCEEDED),
                        org.assertj.core.groups.Tuple.tuple(2, null, HopOutcome.NO_REPLY),
                        org.assertj.core.groups.Tuple.tuple(3, path.router(3), HopOutcome.TIME_EXCEEDED),
                        org.assertj.core.groups.Tuple.tuple(4, null, HopOutcome.PACKET_TOO_BIG),
                        org.assertj.core.groups.Tuple.tuple(5, path.targetAddress(), HopOutcome.DESTINATION_REACHED));
        assertThat(diagnosis.getMtuDrops()).singleElement().satisfies(drop -> {
            assertThat(drop.getRouter()).isEqualTo(path.router(3));
            assertThat(drop.getRouterTtl()).isEqualTo(3);
            assertThat(drop.getNextHop()).isNull();
            assertThat(drop.getLikelyCause()).isEqualTo("GRE tunnel (likely)");
        });
        assertThat(diagnosis.getComplete()).isTrue();
    }

    @Test
    void aPtbSenderThatNeverAnsweredTimeExceededIsPlacedOneBeforeTheProbesTtl() {
        PathFixture path = PathFixture.ipv4()
                .timeExceeded(1, 1500).silent(2, 1500)
                .ptbFrom("10.9.9.9", 3, 1500, 1492)
                .timeExceeded(3, 1492).reached(4, 1492);

        PathDiagnosis diagnosis = path.diagnose(1452, 1452);

        assertThat(diagnosis.getMtuDrops()).singleElement().satisfies(drop -> {
            assertThat(drop.getRouter()).isEqualTo("10.9.9.9");
            assertThat(drop.getRouterTtl()).isEqualTo(2);
            assertThat(drop.getNextHop()).isEqualTo(path.router(3));
            assertThat(drop.getLikelyCause()).isEqualTo("PPPoE (likely)");
        });
    }

    @Test
    void aPtbWhoseRefusedSizeIsUnknownMakesADropFromAnUnknownMtu() {
        // Size 0: the sensor saw an offload super-segment quoted, not a wire packet.
        PathFixture path = PathFixture.ipv4().localMtu(null).passivePtb("10.7.7.7", 0, 1438);

        PathDiagnosis diagnosis = path.diagnose(Optional.of(path.capturedHandshake(1460, 1400)));

        assertThat(diagnosis.getPmtu()).isEqualTo(1438);
        assertThat(diagnosis.getMtuDrops()).singleElement().satisfies(drop -> {
            assertThat(drop.getFromMtu()).isNull();
            assertThat(drop.getToMtu()).isEqualTo(1438);
        });
        assertThat(diagnosis.getFindings()).filteredOn(f -> f.getCode() == FindingCode.MTU_DROP).singleElement()
                .satisfies(f -> {
                    assertThat(f.getMessage()).startsWith("The MTU drops to 1438 bytes on the link from 10.7.7.7")
                            .contains("The MTU before the drop is unknown");
                    assertThat(f.getFix()).contains("raise the MTU of the link 10.7.7.7 -> the next hop to at least"
                            + " 1440 (what the flow's negotiated MSS 1400 needs");
                });
    }

    @Test
    void withoutAnMssADropFromAnUnknownMtuRecommendsNoFigure() {
        PathFixture path = PathFixture.ipv4().localMtu(null).passivePtb("10.7.7.7", 0, 1438);

        PathDiagnosis diagnosis = path.diagnose(Optional.empty());

        assertThat(diagnosis.getFindings()).filteredOn(f -> f.getCode() == FindingCode.MTU_DROP).singleElement()
                .satisfies(f -> assertThat(f.getFix())
                        .endsWith("raise the MTU of the link 10.7.7.7 -> the next hop (the MTU before the drop is"
                                + " unknown)."));
    }

    @Test
    void aPassivePtbLowersThePmtuButCannotBePlaced() {
        PathFixture path = PathFixture.ipv4().passivePtb("10.7.7.7", 1500, 1440);

        PathDiagnosis diagnosis = path.diagnose(Optional.empty());

        assertThat(diagnosis.getRunId()).isNull();
        assertThat(diagnosis.getPmtu()).isEqualTo(1440);
        assertThat(diagnosis.getHops()).isEmpty();
        assertThat(diagnosis.getMtuDrops()).singleElement().satisfies(drop -> {
            assertThat(drop.getRouter()).isEqualTo("10.7.7.7");
            assertThat(drop.getRouterTtl()).isNull();
            assertThat(drop.getNextHop()).isNull();
            assertThat(drop.getLikelyCause()).isEqualTo("WireGuard over IPv4 (likely)");
        });
    }

    @Test
    void withoutAnInterfaceMtuTheRefusedProbeSizeIsTheMtuBeforeTheLink() {
        PathFixture path = PathFixture.ipv4().localMtu(null)
                .timeExceeded(1, 1500).ptb(1, 1500, 1400).timeExceeded(2, 1400).reached(3, 1400);

        PathDiagnosis diagnosis = path.diagnose(1460, 1460);

        assertThat(diagnosis.getLocalMtu()).isNull();
        assertThat(diagnosis.getMtuDrops()).singleElement()
                .satisfies(drop -> assertThat(drop.getFromMtu()).isEqualTo(1500));
        assertThat(diagnosis.getHops()).extracting(DiagnosedHop::getPathMtu).containsExactly(1500, 1400, 1400);
    }

    @Test
    void aLocalisedBlackHoleSetsThePmtuAndTheHopsBehindIt() {
        PathFixture path = PathFixture.ipv4()
                .timeExceeded(1, 1500).timeExceeded(2, 1500).silent(3, 1500).silent(3, 1500)
                .timeExceeded(3, 1420).timeExceeded(4, 1420).reached(5, 1420)
                .searchAttempts(1500, false, false, false)
                .searchAttempts(1420, true)
                .searchAttempts(1460, false, false, false)
                .localizeAnswered(1, 1500).localizeAnswered(2, 1500).localizeSilent(3, 1500).localizeSilent(4, 1500);

        PathDiagnosis diagnosis = new PathDiagnoser().diagnose(path.observations(), path.handshake(1460));

        assertThat(diagnosis.getPmtu()).isEqualTo(1420);
        assertThat(diagnosis.getPmtuSource()).isEqualTo(PmtuSource.SIZE_SEARCH);
        assertThat(diagnosis.getMss().getEffective()).as("no PTB, so nothing shrinks the segments").isEqualTo(1460);
        assertThat(diagnosis.getBlackHole().getDetected()).isTrue();
        assertThat(diagnosis.getBlackHole().getRouter()).isEqualTo(path.router(2));
        assertThat(diagnosis.getBlackHole().getFirstSilentTtl()).isEqualTo(3);
        assertThat(diagnosis.getHops()).extracting(DiagnosedHop::getPathMtu).containsExactly(1500, 1500, 1420, 1420, 1420);
        assertThat(diagnosis.getMtuDrops()).isEmpty();
        assertThat(diagnosis.getFindings()).extracting(Finding::getCode)
                .containsExactly(FindingCode.PMTUD_FAILURE, FindingCode.OVERSIZED_MSS);
        assertThat(diagnosis.getStatus()).isEqualTo(Severity.CRITICAL);
    }

    @Test
    void withoutAnInterfaceMtuTheLargestSizeThatArrivedIsTheBestKnownPmtu() {
        PathDiagnosis diagnosis = PathFixture.ipv4().udp().localMtu(null).cleanTrace(2, 1500)
                .diagnose(Optional.empty());

        assertThat(diagnosis.getPmtu()).isEqualTo(1500);
        assertThat(diagnosis.getPmtuSource()).isEqualTo(PmtuSource.SIZE_SEARCH);
    }

    @Test
    void silenceIsNotAnInterfaceMtu() {
        PathDiagnosis diagnosis = PathFixture.ipv4().udp().timeExceeded(1, 1500).timeExceeded(2, 1500)
                .silent(3, 1500).diagnose(Optional.empty());

        assertThat(diagnosis.getPmtu()).isNull();
        assertThat(diagnosis.getHops()).extracting(DiagnosedHop::getPathMtu).containsExactly(1500, 1500, 1500);
    }

    @Test
    void nothingToSayGivesUnknown() {
        PathFixture path = PathFixture.ipv4().udp().silent(1, 1500).silent(2, 1500).silent(3, 1500);

        PathDiagnosis diagnosis = path.diagnose(Optional.empty());

        assertThat(diagnosis.getPmtu()).isNull();
        assertThat(diagnosis.getPmtuSource()).isEqualTo(PmtuSource.UNKNOWN);
        assertThat(diagnosis.getFindings()).isEmpty();
        assertThat(diagnosis.getStatus()).isEqualTo(Severity.UNKNOWN);
    }

    @Test
    void aUdpTargetWithACleanPathIsOkWithoutAHandshake() {
        PathDiagnosis diagnosis = PathFixture.ipv4().udp().cleanTrace(3, 1500).diagnose(Optional.empty());

        assertThat(diagnosis.getFindings()).singleElement()
                .satisfies(f -> assertThat(f.getCode()).isEqualTo(FindingCode.OK))
                .satisfies(f -> assertThat(f.getMessage()).contains("1500", "no TCP handshake"));
        assertThat(diagnosis.getComplete()).isTrue();
    }
}
