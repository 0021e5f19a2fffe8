package io.pmtuwatch.bench.probe;

import io.pmtuwatch.probe.capture.CapturedFrame;
import io.pmtuwatch.probe.capture.OfflineCapture;
import io.pmtuwatch.probe.capture.PcapFileReader;
import io.pmtuwatch.probe.handshake.PcapLibrary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import org.pcap4j.core.PcapDumper;
import org.pcap4j.core.PcapHandle;
import org.pcap4j.core.Pcaps;
import org.pcap4j.packet.namednumber.DataLinkType;

/**
 * Builds the benchmark's large capture: the frames of seed captures repeated until the target count,
 * written with pcap4j's dumper (libpcap writes it, so the built-in reader is not reading its own
 * output), timestamps moving forward 10 µs per frame.
 */
final class AnalyzeBenchCapture {

    private AnalyzeBenchCapture() {
    }

    /**
     * Builds the capture unless {@code out} already holds exactly {@code frames} frames.
     *
     * @return true when it was built
     */
    static boolean ensure(List<Path> seeds, Path out, long frames) throws Exception {
        if (Files.isRegularFile(out) && countFrames(out) == frames) {
            return false;
        }
        build(seeds, out, frames);
        return true;
    }

    private static long countFrames(Path file) {
        try (PcapFileReader reader = PcapFileReader.open(file)) {
            while (reader.next() != null) {
                // counting
            }
            return reader.frames();
        } catch (IOException unreadable) {
            return -1; // damaged or half-written: build it again
        }
    }

    static long build(List<Path> seeds, Path out, long frames) throws Exception {
        PcapLibrary.configure();
        List<byte[]> pool = new ArrayList<>();
        for (Path seed : seeds) {
            try (OfflineCapture capture = OfflineCapture.open(seed)) {
                if (capture.linkType().dlt() != 1) {
                    throw new IOException(seed + ": the benchmark needs Ethernet seeds");
                }
                CapturedFrame frame;
                while ((frame = capture.next()) != null) {
                    pool.add(frame.bytes());
                }
            }
        }
        long start = 1_700_000_000_000L;
        try (PcapHandle dead = Pcaps.openDead(DataLinkType.EN10MB, 65535)) {
            PcapDumper dumper = dead.dumpOpen(out.toString());
            try {
                for (long i = 0; i < frames; i++) {
                    Timestamp ts = new Timestamp(start + i / 100);
                    ts.setNanos((int) ((i % 100_000) * 10_000 % 1_000_000_000));
                    dumper.dumpRaw(pool.get((int) (i % pool.size())), ts);
                }
            } finally {
                dumper.close();
            }
        }
        return frames;
    }
}
