package io.pmtuwatch.probe.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pmtuwatch.probe.capture.AnalysisReport.PtbView;
import io.pmtuwatch.probe.packet.IcmpKind;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A flow's packet-too-bigs made into the report's views only when asked for: the same views. */
class PtbViewsTest {

    @Test
    void viewsOfTheFlowsEvents() throws Exception {
        MtuEvent valid = MtuEventViewsTest.event(7, IcmpKind.FRAG_NEEDED, "10.0.0.9", 1400, null, List.of("n"));
        MtuEvent invalid = MtuEventViewsTest.event(9, IcmpKind.PACKET_TOO_BIG, "fe80::1", 0, "no next-hop MTU given",
                List.of());
        List<PtbView> views = new PtbViews(List.of(valid, invalid));

        assertThat(views).containsExactly(new PtbView(7, "10.0.0.9", 1400, 1500, true, null),
                new PtbView(9, "fe80::1", 0, 1500, false, "no next-hop MTU given"));
        assertThat(views).isEqualTo(List.copyOf(views)).hasSameHashCodeAs(List.copyOf(views));
        assertThat(((PtbViews) views).event(1)).isSameAs(invalid);
        assertThat(new PtbViews(List.of())).isEmpty();
        assertThatThrownBy(() -> views.remove(0)).isInstanceOf(UnsupportedOperationException.class);
    }
}
