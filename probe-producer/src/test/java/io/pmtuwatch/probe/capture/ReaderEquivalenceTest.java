package io.pmtuwatch.probe.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The built-in reader against libpcap (pcap4j) on real captures: the bundled ones everywhere, the shared
 * ones where ../shared/captures exists (skipped with a message otherwise). Same frames, bytes, original
 * lengths and microsecond timestamps, and the same damage point.
 */
class ReaderEquivalenceTest {

    static List<Path> bundled() throws Exception {
        return captures(BundledCapturesTest.directory());
    }

    static List<Path> shared() throws Exception {
        return SharedCaptures.present() ? captures(SharedCaptures.directory()) : List.of();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bundled")
    void bundledCaptureReadsAsLibpcapReadsIt(Path file) throws Exception {
        assertSameFrames(file);
    }

    @ParameterizedTest(name = "{0}", allowZeroInvocations = true)
    @MethodSource("shared")
    void sharedCaptureReadsAsLibpcapReadsIt(Path file) throws Exception {
        assertSameFrames(file);
    }

    @Test
    void sharedCapturesArePresent() {
        assumeTrue(SharedCaptures.present(), () -> "shared captures not found at " + SharedCaptures.directory()
                + " (system property " + SharedCaptures.PROPERTY + "): the reader equivalence tests over them did"
                + " not run");
    }

    @Test
    void damagedCaptureStopsAtTheSameRecordWithItsOffset() throws Exception {
        Path file = BundledCapturesTest.directory().resolve("suricata_corrupt_record_after6.pcap");
        Outcome ours = read(PcapFileReader.open(file));
        Outcome libpcap = read(OfflineCapture.open(file));
        assertThat(ours.frames()).isEqualTo(6);
        assertThat(ours.damage().offset()).isEqualTo(5035);
        assertThat(libpcap.frames()).isEqualTo(6);
        assertThat(libpcap.damage().offset()).isEqualTo(5035);
    }

    private static void assertSameFrames(Path file) throws Exception {
        try (FrameSource ours = PcapFileReader.open(file); FrameSource libpcap = OfflineCapture.open(file)) {
            // libpcap maps the file's LINKTYPE_RAW (101) to its DLT_RAW (12); both decode alike.
            assertThat(ours.linkType().name().replace("_DLT12", "")).as("link type")
                    .isEqualTo(libpcap.linkType().name().replace("_DLT12", ""));
            long frames = 0;
            while (true) {
                Step a = step(ours);
                Step b = step(libpcap);
                if (a.damage() != null || b.damage() != null) {
                    assertThat(a.damage()).as("our damage after %d frames (libpcap: %s)", frames, b.damage())
                            .isNotNull();
                    assertThat(b.damage()).as("libpcap's damage after %d frames (ours: %s)", frames, a.damage())
                            .isNotNull();
                    assertThat(a.damage().framesRead()).isEqualTo(b.damage().framesRead()).isEqualTo(frames);
                    assertThat(a.damage().offset()).as("damage offset").isEqualTo(b.damage().offset());
                    return;
                }
                if (a.frame() == null || b.frame() == null) {
                    assertThat(a.frame()).as("our frame %d", frames + 1).isEqualTo(b.frame());
                    assertThat(frames).as("frames").isPositive();
                    return;
                }
                frames++;
                CapturedFrame x = a.frame();
                CapturedFrame y = b.frame();
                assertThat(x.number()).as("number").isEqualTo(y.number()).isEqualTo(frames);
                assertThat(x.timestampMicros()).as("timestamp of frame %d", frames).isEqualTo(y.timestampMicros());
                assertThat(x.originalLength()).as("original length of frame %d", frames)
                        .isEqualTo(y.originalLength());
                assertThat(x.bytes()).as("bytes of frame %d", frames).isEqualTo(y.bytes());
            }
        }
    }

    /** One frame, the end (both null), or the damage. */
    private record Step(CapturedFrame frame, CaptureDamagedException damage) {
    }

    private static Step step(FrameSource source) throws IOException {
        try {
            return new Step(source.next(), null);
        } catch (CaptureDamagedException e) {
            return new Step(null, e);
        }
    }

    private record Outcome(long frames, CaptureDamagedException damage) {
    }

    private static Outcome read(FrameSource source) throws IOException {
        try (source) {
            long frames = 0;
            while (true) {
                Step step = step(source);
                if (step.damage() != null) {
                    return new Outcome(frames, step.damage());
                }
                if (step.frame() == null) {
                    return new Outcome(frames, null);
                }
                frames++;
            }
        }
    }

    private static List<Path> captures(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(f -> f.toString().endsWith(".pcap") || f.toString().endsWith(".pcapng")).sorted()
                    .toList();
        }
    }
}
