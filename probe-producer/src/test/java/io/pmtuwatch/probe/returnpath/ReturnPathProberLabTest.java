package io.pmtuwatch.probe.returnpath;

import static org.assertj.core.api.Assertions.assertThat;

import io.pmtuwatch.lab.ChainSpec;
import io.pmtuwatch.lab.Family;
import io.pmtuwatch.lab.Lab;
import io.pmtuwatch.lab.Topologies;
import io.pmtuwatch.schemas.ReturnPath;
import io.pmtuwatch.schemas.ReturnPathMethod;
import io.pmtuwatch.schemas.ReturnPathOutcome;
import io.pmtuwatch.schemas.ReturnPathRequest;
import java.net.InetAddress;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The prober on real namespace labs (root): a clean path answers with full-size segments; a narrow
 * return link whose router drops its own frag-needed stalls them and our packet-too-big makes the
 * target shrink them; a server whose firewall drops packet-too-big keeps them full-size.
 */
@Tag("root")
@Timeout(120)
class ReturnPathProberLabTest {

    private static final ReturnPathProber PROBER = new ReturnPathProber(ReturnPathSettings.defaults());

    private static ReturnPath measure(ChainSpec spec, Family family) throws Exception {
        try (Lab lab = Lab.build(spec)) {
            InetAddress server = InetAddress.getByName(lab.truth().serverAddress(family));
            ReturnPath rp = lab.agent().call(() -> PROBER.measure(server, spec.tcpPort(), server.getHostAddress(),
                    ReturnPathRequest.HTTP_GET));
            // The cost figure for the notes (surefire keeps test output in its report file).
            System.out.printf("return path %s %s: %s, %.0f ms, %d bytes in order, %d segments, ptb %s%n", spec.name(),
                    family, rp.getOutcome(), rp.getDurationMicros() / 1000.0, rp.getBytesReceived(),
                    rp.getSegmentsReceived(), rp.getPtbMtu());
            return rp;
        }
    }

    @ParameterizedTest
    @EnumSource(Family.class)
    void cleanPathCarriesFullSizeSegments(Family family) throws Exception {
        ReturnPath rp = measure(Topologies.clean(), family);
        int headers = family == Family.V4 ? 40 : 60;
        assertThat(rp.getMethod()).isEqualTo(ReturnPathMethod.PCAP);
        assertThat(rp.getOutcome()).as(rp.toString()).isEqualTo(ReturnPathOutcome.COMPLETE);
        assertThat(rp.getTargetMss()).isEqualTo(1500 - headers);
        assertThat(rp.getLargestPacket()).isGreaterThan(1500 - 40).isLessThanOrEqualTo(1500);
        assertThat(rp.getBytesReceived()).isGreaterThan(6000);
        assertThat(rp.getPtbMtu()).isNull();
    }

    @ParameterizedTest
    @EnumSource(Family.class)
    void returnPathBlackHoleStallsAndTheTargetShrinksAfterOurPtb(Family family) throws Exception {
        ReturnPath rp = measure(Topologies.returnPathBlackHole(), family);
        assertThat(rp.getOutcome()).as(rp.toString()).isEqualTo(ReturnPathOutcome.STALLED);
        assertThat(rp.getPtbMtu()).isEqualTo(1280);
        assertThat(rp.getShrankAfterPtb()).as(rp.toString()).isTrue();
        // No full-size segment ever arrived: the largest is the tail or a resent one of the PTB's size.
        assertThat(rp.getLargestPacket()).isLessThanOrEqualTo(1280);
        assertThat(rp.getBytesReceived()).isGreaterThan(0);
    }

    @ParameterizedTest
    @EnumSource(Family.class)
    void serverThatDropsPtbKeepsStalling(Family family) throws Exception {
        ReturnPath rp = measure(Topologies.ptbIgnoringServer(), family);
        assertThat(rp.getOutcome()).as(rp.toString()).isEqualTo(ReturnPathOutcome.STALLED);
        assertThat(rp.getPtbMtu()).isEqualTo(1280);
        assertThat(rp.getShrankAfterPtb()).as(rp.toString()).isFalse();
    }
}
