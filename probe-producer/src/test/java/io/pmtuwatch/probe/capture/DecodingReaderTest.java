package io.pmtuwatch.probe.capture;

import static org.assertj.core.api.Assertions.assertThat;

import io.pmtuwatch.probe.packet.FrameDecoder;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The reading thread of analyze: file order, the same decoding, damage after the last good frame, early close. */
class DecodingReaderTest {

    private static final int ETHERNET = 1;
    private static final long SECOND = 1_700_000_000L;
    /** Several batches and a part of one. */
    private static final int FRAMES = 2 * DecodingReader.BATCH + 7;

    @TempDir
    Path dir;

    /** TCP segments of one flow with a frag-needed every 100 frames, then a record cut short. */
    private Path damagedCapture() throws Exception {
        WireFrames flow = new WireFrames("192.0.2.1", 40_000, "198.51.100.7", 443);
        CaptureBytes bytes = CaptureBytes.pcap(ByteOrder.LITTLE_ENDIAN, false, ETHERNET);
        for (int i = 0; i < FRAMES; i++) {
            byte[] segment = flow.segment(i % 2 == 0, 1000L + i, 1L, WireFrames.PSH_ACK, 100 + (i % 1400), null);
            byte[] frame = i % 100 == 99 ? flow.packetTooBig("203.0.113.1", 1400, segment) : segment;
            bytes.record(SECOND + i, 0, frame.length, frame);
        }
        bytes.recordHeader(SECOND + FRAMES, 0, 60, 60).raw(CaptureBytes.frame(20, 0));
        Path file = dir.resolve("damaged.pcap");
        Files.write(file, bytes.bytes());
        return file;
    }

    @Test
    void framesComeInFileOrderDecodedAsTheAnalyzerWouldThenTheDamage() throws Exception {
        List<Long> numbers = new ArrayList<>();
        DecodingReader.Batch batch;
        try (PcapFileReader source = PcapFileReader.open(damagedCapture());
                DecodingReader reader = new DecodingReader(source)) {
            do {
                batch = reader.next();
                for (int i = 0; i < batch.size(); i++) {
                    numbers.add(batch.frames()[i].number());
                    assertThat(batch.decoded()[i])
                            .isEqualTo(FrameDecoder.decode(source.linkType(), batch.frames()[i].bytes()));
                }
            } while (batch.end() == null);
        }

        assertThat(numbers).hasSize(FRAMES);
        for (int i = 0; i < FRAMES; i++) {
            assertThat(numbers.get(i)).isEqualTo(i + 1L);
        }
        assertThat(batch.end().error()).isInstanceOf(CaptureDamagedException.class);
        assertThat(((CaptureDamagedException) batch.end().error()).framesRead()).isEqualTo(FRAMES);
    }

    /** The analysis through the reading thread is the analysis of the frames one by one, damage included. */
    @Test
    void analysisMatchesReadingFrameByFrame() throws Exception {
        Path file = damagedCapture();
        TrafficAnalyzer alone;
        CaptureDamagedException damage = null;
        try (PcapFileReader source = PcapFileReader.open(file)) {
            alone = new TrafficAnalyzer(source.linkType());
            try {
                CapturedFrame frame;
                while ((frame = source.next()) != null) {
                    alone.accept(frame);
                }
            } catch (CaptureDamagedException e) {
                damage = e;
            }
        }

        CaptureFileAnalysis.Outcome outcome = CaptureFileAnalysis.read(file, CaptureFileReader.BUILTIN, null, null);

        assertThat(damage).isNotNull();
        assertThat(outcome.damage().framesRead()).isEqualTo(damage.framesRead()).isEqualTo(FRAMES);
        assertThat(outcome.damage().offset()).isEqualTo(damage.offset());
        AnalysisResult expected = alone.result();
        assertThat(outcome.result().frames()).isEqualTo(expected.frames());
        assertThat(outcome.result().mss()).isEqualTo(expected.mss());
        assertThat(outcome.result().mtuEvents()).isEqualTo(expected.mtuEvents()).hasSize(FRAMES / 100);
        assertThat(outcome.result().flows()).hasSameSizeAs(expected.flows());
        assertThat(outcome.result().flows().get(0).largestFromClient).isEqualTo(expected.flows().get(0).largestFromClient);
        assertThat(outcome.result().flows().get(0).largestFromServer).isEqualTo(expected.flows().get(0).largestFromServer);
    }

    @Test
    void closingEarlyStopsTheReadingThread() throws Exception {
        try (PcapFileReader source = PcapFileReader.open(damagedCapture())) {
            DecodingReader reader = new DecodingReader(source);
            assertThat(reader.next().size()).isEqualTo(DecodingReader.BATCH);
            reader.close();
            assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().equals("analyze-reader"));
        }
    }
}
