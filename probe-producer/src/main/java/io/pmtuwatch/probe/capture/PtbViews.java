package io.pmtuwatch.probe.capture;

import io.pmtuwatch.probe.capture.AnalysisReport.PtbView;
import java.util.AbstractList;
import java.util.List;
import java.util.RandomAccess;

/**
 * A flow's packet-too-bigs as the report's views, each made from the flow's event only when asked for:
 * {@code analyze --json} writes them straight from the events ({@link #event}), and a flow can hold a
 * hundred thousand. Immutable; equal to any list of the same views.
 */
final class PtbViews extends AbstractList<PtbView> implements RandomAccess {

    private final List<MtuEvent> events;

    PtbViews(List<MtuEvent> events) {
        this.events = events;
    }

    MtuEvent event(int index) {
        return events.get(index);
    }

    @Override
    public PtbView get(int index) {
        return view(events.get(index));
    }

    @Override
    public int size() {
        return events.size();
    }

    static PtbView view(MtuEvent e) {
        return new PtbView(e.frame(), e.router(), e.mtu(), e.quotedLength(), e.valid(), e.invalidReason());
    }
}
