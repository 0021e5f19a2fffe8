package io.pmtuwatch.probe.capture;

import io.pmtuwatch.probe.capture.AnalysisReport.MtuEventView;
import java.util.AbstractList;
import java.util.List;
import java.util.RandomAccess;

/**
 * The report's MTU events as views, made from the analyzer's events and each one's quoted-flow text only
 * when asked for: {@code analyze --json} writes them straight from the events ({@link #event},
 * {@link #quotedFlow}), and a capture with a hundred thousand packet-too-bigs built as many views that
 * existed only to be written once. Immutable; equal to any list of the same views.
 */
final class MtuEventViews extends AbstractList<MtuEventView> implements RandomAccess {

    private final List<MtuEvent> events;
    private final String[] quotedFlows;

    /** @param quotedFlows per event, the text of the flow it quotes ({@link QuotedFlowTexts}) */
    MtuEventViews(List<MtuEvent> events, String[] quotedFlows) {
        if (events.size() != quotedFlows.length) {
            throw new IllegalArgumentException(events.size() + " events but " + quotedFlows.length + " flow texts");
        }
        this.events = events;
        this.quotedFlows = quotedFlows;
    }

    MtuEvent event(int index) {
        return events.get(index);
    }

    String quotedFlow(int index) {
        return quotedFlows[index];
    }

    @Override
    public MtuEventView get(int index) {
        return view(events.get(index), quotedFlows[index]);
    }

    @Override
    public int size() {
        return quotedFlows.length;
    }

    static MtuEventView view(MtuEvent e, String quotedFlow) {
        return new MtuEventView(e.frame(), e.kind().name(), e.router(), e.receiver(), e.mtu(), quotedFlow,
                e.quotedLength(), e.refusedSize(), e.valid(), e.invalidReason(), e.notes());
    }
}
