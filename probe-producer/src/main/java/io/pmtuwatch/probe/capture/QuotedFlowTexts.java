package io.pmtuwatch.probe.capture;

import java.util.HashMap;
import java.util.Map;

/**
 * The text of the flow an MTU event quotes ({@code tcp 10.0.0.1:80 > 10.0.0.2:5000}, "?" when the quote
 * names none), formatted once per quoted flow and direction: a capture with tens of thousands of PTBs
 * about one flow spent a tenth of analyze formatting it per event. The same instance each time, for the
 * event's own view and its router's list. Not thread-safe.
 */
final class QuotedFlowTexts {

    /** The flow an MTU event quotes, in its direction. */
    private record QuotedFlow(int protocol, Endpoint source, Endpoint destination) {
    }

    private final Map<QuotedFlow, String> texts = new HashMap<>();
    private MtuEvent previous;
    private String previousText;

    String of(MtuEvent e) {
        if (e.quotedSource() == null) {
            return "?";
        }
        // Events about one flow come in runs: the one before usually answers without a lookup.
        if (previous == null || e.protocol() != previous.protocol() || !e.quotedSource().equals(previous.quotedSource())
                || !e.quotedDestination().equals(previous.quotedDestination())) {
            previousText = texts.computeIfAbsent(new QuotedFlow(e.protocol(), e.quotedSource(), e.quotedDestination()),
                    q -> ReportBuilder.protocol(q.protocol()) + " " + q.source() + " > " + q.destination());
        }
        previous = e;
        return previousText;
    }
}
