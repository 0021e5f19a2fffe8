package io.pmtuwatch.diagnosis;

import static org.assertj.core.api.Assertions.assertThat;

import io.pmtuwatch.schemas.Finding;
import io.pmtuwatch.schemas.FindingCode;
import io.pmtuwatch.schemas.HandshakeObservation;
import io.pmtuwatch.schemas.PathDiagnosis;
import io.pmtuwatch.schemas.ReturnPath;
import io.pmtuwatch.schemas.ReturnPathMethod;
import io.pmtuwatch.schemas.ReturnPathOutcome;
import io.pmtuwatch.schemas.ReturnPathRequest;
import io.pmtuwatch.schemas.Severity;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The return-path test's figures become RETURN_PATH_BLACK_HOLE or PTB_IGNORED, and ride on the diagnosis. */
class ReturnPathRuleTest {

    private static ReturnPath.Builder stalled() {
        return ReturnPath.newBuilder().setMethod(ReturnPathMethod.PCAP).setRequest(ReturnPathRequest.HTTP_GET)
                .setOutcome(ReturnPathOutcome.STALLED).setTargetMss(1460).setMssAdvertised(1460)
                .setLargestSegment(220).setLargestPacket(260).setSegmentsReceived(1).setBytesReceived(0)
                .setOutOfOrderSegments(1).setDurationMicros(900_000);
    }

    private static PathDiagnosis diagnose(PathFixture path, ReturnPath returnPath) {
        HandshakeObservation handshake = path.handshake(1460, 1460);
        handshake.setReturnPath(returnPath);
        return path.cleanTrace(3, 1500).diagnose(Optional.of(handshake));
    }

    @Test
    void targetThatShrinksAfterOurPtbMeansABlackHoleOnTheWayBack() {
        PathFixture path = PathFixture.ipv4();
        PathDiagnosis d = diagnose(path, stalled().setPtbMtu(1280).setShrankAfterPtb(true).setLargestAfterPtb(1280)
                .build());

        Finding first = d.getFindings().get(0);
        assertThat(first.getCode()).isEqualTo(FindingCode.RETURN_PATH_BLACK_HOLE);
        assertThat(first.getSeverity()).isEqualTo(Severity.CRITICAL);
        assertThat(first.getMessage()).contains("1500-byte packets").contains("packet-too-big for 1280")
                .contains("black hole on the return path");
        assertThat(first.getFix()).contains("ICMP type 3 code 4").contains("--set-mss 1240").contains("advmss 1240");
        assertThat(d.getStatus()).isEqualTo(Severity.CRITICAL);
        assertThat(d.getReturnPath().getShrankAfterPtb()).isTrue();
        assertThat(d.getFindings()).extracting(Finding::getCode).doesNotContain(FindingCode.OK,
                FindingCode.PTB_IGNORED);
    }

    @Test
    void targetThatKeepsSendingFullSizeAfterOurPtbIgnoresIt() {
        PathFixture path = PathFixture.ipv6();
        PathDiagnosis d = diagnose(path, stalled().setTargetMss(1440).setPtbMtu(1280).setShrankAfterPtb(false)
                .build());

        Finding first = d.getFindings().get(0);
        assertThat(first.getCode()).isEqualTo(FindingCode.PTB_IGNORED);
        assertThat(first.getSeverity()).isEqualTo(Severity.CRITICAL);
        assertThat(first.getHop()).isEqualTo(path.targetAddress());
        assertThat(first.getMessage()).contains("1500-byte packets").contains("ICMPv6 type 2");
        assertThat(first.getFix()).contains("ip6tables -I INPUT -p ipv6-icmp --icmpv6-type packet-too-big -j ACCEPT")
                .contains("tcp_mtu_probing=1");
    }

    @Test
    void theMssATargetOffersBecauseOfOurOwnPtbIsNotUndersized() {
        // The next run within the target's PMTU memory: its SYN-ACK offers 1240, what our 1280 PTB taught it.
        PathFixture path = PathFixture.ipv4();
        ReturnPath proven = stalled().setPtbMtu(1280).setShrankAfterPtb(true).setLargestAfterPtb(1280).build();
        HandshakeObservation handshake = path.handshake(1460, 1240);
        handshake.setReturnPath(proven);

        PathDiagnosis d = path.cleanTrace(3, 1500).diagnose(Optional.of(handshake));

        assertThat(d.getFindings()).extracting(Finding::getCode).containsExactly(FindingCode.RETURN_PATH_BLACK_HOLE);
    }

    @Test
    void anMssOfThatSizeWithoutOurPtbBehindItIsStillUndersized() {
        PathFixture path = PathFixture.ipv4();
        HandshakeObservation handshake = path.handshake(1460, 1240);
        handshake.setReturnPath(stalled().setPtbMtu(1280).setShrankAfterPtb(false).build());

        PathDiagnosis d = path.cleanTrace(3, 1500).diagnose(Optional.of(handshake));

        assertThat(d.getFindings()).extracting(Finding::getCode).contains(FindingCode.UNDERSIZED_MSS);
    }

    @Test
    void aStallSeenWithoutThePtbTestIsABlackHoleThatSaysWhatItCouldNotTell() {
        PathDiagnosis d = diagnose(PathFixture.ipv4(), stalled().setMethod(ReturnPathMethod.SOCKET_BYTES)
                .setLargestSegment(null).setLargestPacket(null).build());

        Finding first = d.getFindings().get(0);
        assertThat(first.getCode()).isEqualTo(FindingCode.RETURN_PATH_BLACK_HOLE);
        assertThat(first.getMessage()).contains("Without CAP_NET_RAW");
        assertThat(first.getFix()).contains("Run the agent with CAP_NET_RAW");
    }

    @Test
    void aCompleteOrUnexercisedReturnPathFindsNothing() {
        for (ReturnPathOutcome outcome : new ReturnPathOutcome[] {ReturnPathOutcome.COMPLETE,
                ReturnPathOutcome.NOT_EXERCISED, ReturnPathOutcome.NO_CONNECTION}) {
            PathDiagnosis d = diagnose(PathFixture.ipv4(), stalled().setOutcome(outcome).build());
            assertThat(d.getFindings()).extracting(Finding::getCode).containsExactly(FindingCode.OK);
            assertThat(d.getReturnPath().getOutcome()).isEqualTo(outcome);
        }
    }

    @Test
    void aSenderSeenOnTheWireResendingAboveARoutersPtbIgnoresItAndIsNamed() {
        PathFixture path = PathFixture.ipv4();
        ReturnPath seen = ReturnPath.newBuilder().setMethod(ReturnPathMethod.CAPTURE)
                .setOutcome(ReturnPathOutcome.STALLED).setTargetMss(1460).setPtbMtu(1400).setShrankAfterPtb(false)
                .setLargestAfterPtb(1500).setOversizedAfterPtb(3).setSender("192.168.7.9").setPtbRouter("10.0.1.2")
                .build();
        PathDiagnosis d = diagnose(path, seen);

        Finding first = d.getFindings().get(0);
        assertThat(first.getCode()).isEqualTo(FindingCode.PTB_IGNORED);
        assertThat(first.getSeverity()).isEqualTo(Severity.CRITICAL);
        assertThat(first.getHop()).as("the sender, not the path's target").isEqualTo("192.168.7.9");
        assertThat(first.getMessage()).startsWith("192.168.7.9 ignores packet-too-big (seen on the wire)")
                .contains("router 10.0.1.2").contains("above 1400 bytes").contains("3 times")
                .contains("up to 1500 bytes").doesNotContain("our packet-too-big").doesNotContain("agent");
        assertThat(first.getFix()).startsWith("At 192.168.7.9: accept ICMP type 3 code 4")
                .contains("--set-mss 1360");
    }
}
