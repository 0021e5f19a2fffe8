package io.pmtuwatch.probe.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pmtuwatch.probe.packet.LinkType;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A result taken mid-capture keeps what it showed while the analyzer reads on. */
class FlowSnapshotTest {

    @Test
    void aResultDoesNotChangeWhenTheAnalyzerGoesOn() throws Exception {
        List<CapturedFrame> frames = BundledFrames.ethernet(2000);
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
}
