package io.pmtuwatch.probe.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pmtuwatch.probe.packet.LinkType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** A result taken mid-capture keeps what it showed while the analyzer reads on. */
class FlowSnapshotTest {

    @Test
    void aResultDoesNotChangeWhenTheAnalyzerGoesOn() throws Exception {
        List<CapturedFrame> frames = ethernetFrames();
        assertThat(frames).hasSizeGreaterThan(200);
        TrafficAnalyzer analyzer = new TrafficAnalyzer(LinkType.ETHERNET);
        int half = frames.size() / 2;
        frames.subList(0, half).forEach(analyzer::accept);

        AnalysisResult early = analyzer.result();
        List<String> before = early.flows().stream().map(FlowSnapshotTest::describe).toList();
        long framesBefore = early.frames().total();
        frames.subList(half, frames.size()).forEach(analyzer::accept);

        assertThat(analyzer.result().frames().total()).isGreaterThan(framesBefore);
        assertThat(early.frames().total()).isEqualTo(framesBefore);
        assertThat(early.flows().stream().map(FlowSnapshotTest::describe).toList()).isEqualTo(before);
        assertThat(early.flows()).isNotEmpty();
        FlowSnapshot flow = early.flows().get(0);
        assertThatThrownBy(() -> flow.mtuEvents().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> flow.synMssValues.clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> early.frames().encapsulations().clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    private static String describe(FlowSnapshot f) {
        return f.key() + " " + f.packets + " " + f.synCount + " " + f.synAckCount + " " + f.largestFromClient + " "
                + f.largestFromServer + " " + f.mtuEvents().size() + " " + f.synMssValues + " " + f.lastMicros;
    }

    private static List<CapturedFrame> ethernetFrames() throws Exception {
        Path dir = Path.of(Objects.requireNonNull(FlowSnapshotTest.class.getResource("/captures/MANIFEST.tsv")).toURI())
                .getParent();
        List<CapturedFrame> frames = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.toString().contains(".pcap")).sorted().toList()) {
                try (OfflineCapture capture = OfflineCapture.open(file)) {
                    if (capture.linkType() != LinkType.ETHERNET) {
                        continue;
                    }
                    CapturedFrame frame;
                    while (frames.size() < 2000 && (frame = next(capture)) != null) {
                        frames.add(frame);
                    }
                }
            }
        }
        return frames;
    }

    private static CapturedFrame next(OfflineCapture capture) {
        try {
            return capture.next();
        } catch (java.io.IOException damaged) {
            return null;
        }
    }
}
