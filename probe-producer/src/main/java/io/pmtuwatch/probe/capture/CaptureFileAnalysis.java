package io.pmtuwatch.probe.capture;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a whole capture file into a {@link TrafficAnalyzer}: up to the end, or up to the damage of
 * a damaged file, whose offset is then named. The I/O half of {@code analyze} and {@code replay}. The
 * built-in reader's frames are analysed in place; other readers' (libpcap's) are read and decoded a
 * batch ahead on a thread of their own ({@link DecodingReader}).
 */
public final class CaptureFileAnalysis {

    private static final Logger LOG = LoggerFactory.getLogger(CaptureFileAnalysis.class);
    // pcap record header; pcapng's is larger, so the bar may finish a little early: it is a bar.
    private static final int RECORD_OVERHEAD = 16;

    /**
     * @param result what was read
     * @param damage where reading stopped early, null when the file was read to its end
     */
    public record Outcome(AnalysisResult result, CaptureDamage damage) {
        public boolean partial() {
            return damage != null;
        }

        /** What a command tells the user about a damaged file; only meaningful when {@link #partial()}. */
        public String damageReport(Path file) {
            return String.format("%s is damaged: %d frames read, unreadable record at byte offset %d: %s", file,
                    damage.framesRead(), damage.offset(), damage.message());
        }
    }

    private CaptureFileAnalysis() {
    }

    /**
     * Reads a file for a command: a progress bar only on a terminal (a pipe or a log gets no carriage
     * returns). A file that cannot be read at all is reported on {@code err} as "command: why".
     *
     * @return empty when the file could not be read
     */
    public static Optional<Outcome> readForCommand(Path file, CaptureFileReader reader, PrintWriter err,
            String command) {
        try {
            return Optional.of(read(file, reader, System.console() != null ? System.err : null, null));
        } catch (IOException e) {
            err.println(command + ": " + e.getMessage());
            return Optional.empty();
        }
    }

    /**
     * @param reader   which code reads the file
     * @param progress where a progress bar goes (a terminal), null for none
     * @param tap      sees every frame after the analyzer (e.g. to count), may be null
     */
    public static Outcome read(Path file, CaptureFileReader reader, PrintStream progress, Consumer<CapturedFrame> tap)
            throws IOException {
        // Opened first: the reader's error names the file and says what is wrong with it.
        try (FrameSource capture = reader.open(file)) {
            TrafficAnalyzer analyzer = new TrafficAnalyzer(capture.linkType());
            ProgressBar bar = progress == null ? null : new ProgressBar(progress, Files.size(file));
            if (capture instanceof PcapFileReader inPlace && tap == null) {
                return readInPlace(file, inPlace, analyzer, bar);
            }
            long consumed = 0;
            CaptureDamage damage = null;
            try (DecodingReader frames = new DecodingReader(capture)) {
                DecodingReader.Batch batch;
                do {
                    batch = frames.next();
                    for (int i = 0; i < batch.size(); i++) {
                        CapturedFrame frame = batch.frames()[i];
                        analyzer.accept(frame, batch.decoded()[i]);
                        if (tap != null) {
                            tap.accept(frame);
                        }
                        consumed += frame.bytes().length + RECORD_OVERHEAD;
                        if (bar != null && (frame.number() & 0x3FF) == 0) {
                            bar.update(consumed, frame.number());
                        }
                    }
                } while (batch.end() == null);
                if (batch.end().failure() != null) {
                    throw batch.end().failure();
                }
                if (batch.end().error() instanceof CaptureDamagedException e) {
                    damage = new CaptureDamage(e.framesRead(), e.offset(), e.getMessage());
                    LOG.debug("{}: damaged after {} frames at offset {}: {}", file, e.framesRead(), e.offset(),
                            e.getMessage());
                } else if (batch.end().error() != null) {
                    throw batch.end().error();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException("interrupted while reading " + file);
            } finally {
                if (bar != null) {
                    bar.finish();
                }
            }
            return new Outcome(analyzer.result(), damage);
        }
    }

    /**
     * The built-in reader's frames, each analysed where the reader read it: no copy and no objects for
     * most frames, on this thread alone (a reading thread handing over batches made every frame's objects
     * live across threads and young collections; reading the file ahead on a second thread made the copy
     * from the page cache three times slower on the 2-core machine measured: cache lines moving between
     * cores).
     */
    private static Outcome readInPlace(Path file, PcapFileReader reader, TrafficAnalyzer analyzer, ProgressBar bar)
            throws IOException {
        RecordView record = new RecordView();
        long consumed = 0;
        CaptureDamage damage = null;
        try {
            while (reader.next(record)) {
                analyzer.accept(record);
                consumed += record.length() + RECORD_OVERHEAD;
                if (bar != null && (record.number() & 0x3FF) == 0) {
                    bar.update(consumed, record.number());
                }
            }
        } catch (CaptureDamagedException e) {
            damage = new CaptureDamage(e.framesRead(), e.offset(), e.getMessage());
            LOG.debug("{}: damaged after {} frames at offset {}: {}", file, e.framesRead(), e.offset(), e.getMessage());
        } finally {
            if (bar != null) {
                bar.finish();
            }
        }
        return new Outcome(analyzer.result(), damage);
    }
}
