package io.pmtuwatch.probe.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pmtuwatch.probe.capture.AnalysisReport.MtuEventView;
import io.pmtuwatch.probe.packet.IcmpKind;
import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The report's MTU events made into views only when asked for: the same views, per event and its flow text. */
class MtuEventViewsTest {

    @Test
    void viewsOfTheEventsWithTheirFlowTexts() throws Exception {
        MtuEvent v4 = event(7, IcmpKind.FRAG_NEEDED, "10.0.0.9", 1400, null, List.of());
        MtuEvent v6 = event(Long.MAX_VALUE, IcmpKind.PACKET_TOO_BIG, "fe80::1", 1200, "IPv6 MTU 1200 below",
                List.of("one", "two"));
        List<MtuEventView> views = new MtuEventViews(List.of(v4, v6), new String[] {"?", "tcp a > b"});

        assertThat(views).containsExactly(
                new MtuEventView(7, "FRAG_NEEDED", "10.0.0.9", "10.0.0.1", 1400, "?", 1500, 1499, true, null, List.of()),
                new MtuEventView(Long.MAX_VALUE, "PACKET_TOO_BIG", "fe80::1", "10.0.0.1", 1200, "tcp a > b", 1500, 1499,
                        false, "IPv6 MTU 1200 below", List.of("one", "two")));
        assertThat(views).isEqualTo(List.copyOf(views)).hasSameHashCodeAs(List.copyOf(views));
        assertThat(((MtuEventViews) views).event(1)).isSameAs(v6);
        assertThat(((MtuEventViews) views).quotedFlow(1)).isEqualTo("tcp a > b");
        assertThatThrownBy(() -> views.add(views.get(0))).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void aFlowTextPerEvent() throws Exception {
        MtuEvent e = event(1, IcmpKind.FRAG_NEEDED, "10.0.0.9", 1400, null, List.of());
        assertThatThrownBy(() -> new MtuEventViews(List.of(e), new String[2]))
                .isInstanceOf(IllegalArgumentException.class);
    }

    static MtuEvent event(long frame, IcmpKind kind, String router, int mtu, String invalid, List<String> notes)
            throws Exception {
        InetAddress a = InetAddress.getByName("10.0.0.1");
        InetAddress b = InetAddress.getByName("10.0.0.2");
        FlowKey key = FlowKey.of(6, new Endpoint(a, 1), new Endpoint(b, 2));
        return new MtuEvent(frame, frame * 1000, kind, router, "10.0.0.1", 64, mtu, key, key.low(), key.high(), 6,
                1500, 1499, invalid, notes);
    }
}
