package io.pmtuwatch.probe.capture;

import static org.assertj.core.api.Assertions.assertThat;

import io.pmtuwatch.schemas.Origin;
import java.io.StringWriter;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code analyze}'s frames analysed in place (decoded from the reader's buffer into reused headers, objects
 * only for the frames that matter) against the same frames each copied and decoded into objects (the
 * path a tap or libpcap's reader takes): the same report, byte for byte, on every capture.
 */
class InPlaceAnalysisTest {

    private static final int ETHERNET = 1;
    private static final long SECOND = 1_700_000_000L;

    @TempDir
    Path dir;

    static List<Path> captures() throws Exception {
        return AnalysisJsonTest.captures();
    }

    /** The report as {@code analyze --json} prints it, and the damage. */
    private static String report(Path file, boolean inPlace) throws Exception {
        // A tap sees a copy of every frame: that reading copies and decodes each into objects.
        CaptureFileAnalysis.Outcome outcome = CaptureFileAnalysis.read(file, CaptureFileReader.BUILTIN, null,
                inPlace ? null : frame -> { });
        AnalysisReport report = new ReportBuilder("local", Origin.REPLAY).build(file.toString(), outcome.result(),
                outcome.damage());
        StringWriter json = new StringWriter();
        AnalysisJson.write(report, json);
        return json + "\n" + outcome.damage();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("captures")
    void sameReportAsFrameByFrameObjects(Path file) throws Exception {
        assertThat(report(file, true)).isEqualTo(report(file, false));
    }

    /**
     * An IPv4 and an IPv6 conversation whose address fields hold the same low bits and the same ports,
     * interleaved both ways: the in-place flow lookup compares values, not address objects, and must
     * keep them apart (and each direction on its side).
     */
    @Test
    void conversationsWithTheSameAddressBitsStayApart() throws Exception {
        WireFrames v4 = new WireFrames("192.0.2.1", 40_000, "198.51.100.7", 443);
        WireFrames v6 = new WireFrames("::c000:201", 40_000, "::c633:6407", 443);
        CaptureBytes bytes = CaptureBytes.pcap(ByteOrder.LITTLE_ENDIAN, false, ETHERNET);
        long[] packets = new long[2];
        int n = 0;
        for (WireFrames flow : List.of(v4, v6)) {
            add(bytes, n++, flow.segment(true, 1000, 0, WireFrames.SYN, 0, 1460));
            add(bytes, n++, flow.segment(false, 5000, 1001, WireFrames.SYN_ACK, 0, 1400));
            packets[flow == v4 ? 0 : 1] += 2;
        }
        for (int i = 0; i < 40; i++) {
            WireFrames flow = i % 3 == 0 ? v6 : v4;
            int payload = (flow == v4 ? 100 : 700) + i;
            add(bytes, n++, flow.segment(i % 2 == 0, 1001 + i, 5001, WireFrames.PSH_ACK, payload, null));
            packets[flow == v4 ? 0 : 1]++;
        }
        Path file = dir.resolve("two-families.pcap");
        Files.write(file, bytes.bytes());

        CaptureFileAnalysis.Outcome outcome = CaptureFileAnalysis.read(file, CaptureFileReader.BUILTIN, null, null);

        List<FlowSnapshot> flows = outcome.result().flows();
        assertThat(flows).hasSize(2);
        assertThat(flows.get(0).packets).isEqualTo(packets[0]);
        assertThat(flows.get(1).packets).isEqualTo(packets[1]);
        assertThat(flows.get(0).largestFromClient).isLessThan(700);
        assertThat(flows.get(1).largestFromClient).isGreaterThan(700);
        assertThat(report(file, true)).isEqualTo(report(file, false));
    }

    private static void add(CaptureBytes bytes, int n, byte[] frame) {
        bytes.record(SECOND + n, 0, frame.length, frame);
    }
}
