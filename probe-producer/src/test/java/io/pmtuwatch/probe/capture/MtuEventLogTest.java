package io.pmtuwatch.probe.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pmtuwatch.probe.packet.IcmpKind;
import io.pmtuwatch.probe.packet.LinkType;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A flow's MTU events: snapshots that share the array yet never change, and a bound on what is kept. */
class MtuEventLogTest {

    private static MtuEvent event(long frame) {
        return new MtuEvent(frame, frame, IcmpKind.FRAG_NEEDED, "192.0.2.254", "192.0.2.1", 64, 1400, null, null, null,
                6, 1500, 1500, null, List.of());
    }

    @Test
    void aSnapshotKeepsWhatItSawThroughAppendsAndGrowth() {
        MtuEventLog log = new MtuEventLog(1000);
        List<List<MtuEvent>> snapshots = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            log.add(event(i));
            snapshots.add(log.snapshot());
        }

        for (int n = 0; n < 100; n++) {
            List<MtuEvent> snapshot = snapshots.get(n);
            assertThat(snapshot).hasSize(n + 1);
            for (int i = 0; i <= n; i++) {
                assertThat(snapshot.get(i).frame()).isEqualTo(i);
            }
        }
        assertThat(snapshots.get(9)).isEqualTo(List.copyOf(snapshots.get(99).subList(0, 10)));
        assertThatThrownBy(() -> snapshots.get(0).add(event(7))).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> snapshots.get(0).get(1)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void beyondItsCapacityEventsAreCountedNotKept() {
        MtuEventLog log = new MtuEventLog(5);
        for (int i = 0; i < 12; i++) {
            log.add(event(i));
        }

        assertThat(log.size()).isEqualTo(5);
        assertThat(log.total()).isEqualTo(12);
        assertThat(log.snapshot()).extracting(MtuEvent::frame).containsExactly(0L, 1L, 2L, 3L, 4L);
    }

    /**
     * A live sensor (a listener) under a packet-too-big flood on one flow: each message comes with a
     * snapshot of the flow, whose events used to be copied every time (quadratic: 50,000 messages took
     * minutes); the flow keeps at most its bound, and the snapshot still counts every message.
     */
    @Test
    void aPtbFloodOnOneFlowStaysLinearAndBounded() {
        WireFrames flow = new WireFrames("192.0.2.1", 40_000, "198.51.100.7", 443);
        byte[] refused = flow.segment(true, 1000, 1, WireFrames.PSH_ACK, 1460, null);
        byte[] ptb = flow.packetTooBig("203.0.113.1", 1400, refused);
        List<Long> counts = new ArrayList<>();
        List<Integer> kept = new ArrayList<>();
        TrafficAnalyzer analyzer = new TrafficAnalyzer(LinkType.ETHERNET, new PassiveListener() {
            @Override
            public void mtuEvent(FlowSnapshot snapshot, MtuEvent event) {
                counts.add(snapshot.mtuEventCount);
                kept.add(snapshot.mtuEvents().size());
            }
        });
        int messages = FlowStats.MAX_EVENTS + 10;
        analyzer.accept(new CapturedFrame(1, 0, refused.length, refused));
        for (int i = 0; i < messages; i++) {
            analyzer.accept(new CapturedFrame(i + 2, i + 1, ptb.length, ptb));
        }

        assertThat(counts).hasSize(messages);
        assertThat(counts.get(messages - 1)).isEqualTo(messages);
        assertThat(kept.get(FlowStats.MAX_EVENTS - 1)).isEqualTo(FlowStats.MAX_EVENTS);
        assertThat(kept.get(messages - 1)).isEqualTo(FlowStats.MAX_EVENTS);
        FlowSnapshot last = analyzer.result().flows().get(0);
        assertThat(last.mtuEvents()).hasSize(FlowStats.MAX_EVENTS);
        assertThat(last.mtuEvents().get(0).frame()).isEqualTo(2);
        // The analyzer's own list has the same bound; its count (the live sensor's counter) goes on.
        assertThat(analyzer.result().mtuEvents()).hasSize(FlowStats.MAX_EVENTS);
        assertThat(analyzer.mtuEventsSeen()).isEqualTo(messages);
        assertThat(analyzer.framesSeen()).isEqualTo(messages + 1);
    }
}
