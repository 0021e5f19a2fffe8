package io.pmtuwatch.probe.capture;

import static io.pmtuwatch.probe.capture.AnalysisJson.FRAME;
import static io.pmtuwatch.probe.capture.AnalysisJson.INVALID_REASON;
import static io.pmtuwatch.probe.capture.AnalysisJson.KIND;
import static io.pmtuwatch.probe.capture.AnalysisJson.MTU;
import static io.pmtuwatch.probe.capture.AnalysisJson.NOTES;
import static io.pmtuwatch.probe.capture.AnalysisJson.QUOTED_FLOW;
import static io.pmtuwatch.probe.capture.AnalysisJson.QUOTED_LENGTH;
import static io.pmtuwatch.probe.capture.AnalysisJson.RECEIVER;
import static io.pmtuwatch.probe.capture.AnalysisJson.REFUSED_SIZE;
import static io.pmtuwatch.probe.capture.AnalysisJson.ROUTER;
import static io.pmtuwatch.probe.capture.AnalysisJson.VALID;

import io.pmtuwatch.probe.capture.AnalysisReport.MtuEventView;
import io.pmtuwatch.probe.capture.AnalysisReport.PtbView;
import java.io.IOException;
import java.util.List;
import java.util.Objects;

/**
 * The JSON entries of MTU events and of a flow's packet-too-bigs: each entry's text after its frame number
 * is kept per distinct content and copied for the next entry alike. A flood repeats a few messages (router,
 * MTU, quoted flow, verdict, notes) in every one of a hundred thousand entries, twice (in its flow and in
 * the event list), and writing each field again cost {@code --json} a third of its document. Kept
 * direct-mapped by content; another message in the slot replaces it. The text is the same as written
 * field by field. Not thread-safe.
 */
final class EventEntries {

    /** Slots per kind of entry (a power of two). */
    private static final int SLOTS = 64;

    /** An MTU event's entry after its frame number, and what it was written from. */
    private record EventTail(String kind, String router, String receiver, int mtu, String quotedFlow,
                             int quotedLength, int refusedSize, boolean valid, String invalidReason,
                             List<String> notes, byte[] text) {
        boolean matches(String kind, String router, String receiver, int mtu, String quotedFlow, int quotedLength,
                        int refusedSize, boolean valid, String invalidReason, List<String> notes) {
            return mtu == this.mtu && quotedLength == this.quotedLength && refusedSize == this.refusedSize
                    && valid == this.valid && same(router, this.router) && same(quotedFlow, this.quotedFlow)
                    && same(receiver, this.receiver) && same(kind, this.kind)
                    && same(invalidReason, this.invalidReason) && (notes == this.notes || Objects.equals(notes,
                    this.notes));
        }
    }

    /** A packet-too-big's entry in its flow after its frame number, and what it was written from. */
    private record PtbTail(String router, int mtu, int quotedLength, boolean valid, String invalidReason,
                           byte[] text) {
        boolean matches(String router, int mtu, int quotedLength, boolean valid, String invalidReason) {
            return mtu == this.mtu && quotedLength == this.quotedLength && valid == this.valid
                    && same(router, this.router) && same(invalidReason, this.invalidReason);
        }
    }

    private final EventTail[] events = new EventTail[SLOTS];
    private final PtbTail[] ptbs = new PtbTail[SLOTS];

    /** An MTU event's entry, from the analyzer's event and the text of the flow it quotes. */
    void event(JsonWriter g, MtuEvent e, String quotedFlow) throws IOException {
        event(g, e.frame(), e.kind().name(), e.router(), e.receiver(), e.mtu(), quotedFlow, e.quotedLength(),
                e.refusedSize(), e.valid(), e.invalidReason(), e.notes());
    }

    void event(JsonWriter g, MtuEventView e) throws IOException {
        event(g, e.frame(), e.kind(), e.router(), e.receiver(), e.mtu(), e.quotedFlow(), e.quotedLength(),
                e.refusedSize(), e.valid(), e.invalidReason(), e.notes());
    }

    /** A packet-too-big's entry in its flow, from the analyzer's event. */
    void ptb(JsonWriter g, MtuEvent e) throws IOException {
        ptb(g, e.frame(), e.router(), e.mtu(), e.quotedLength(), e.valid(), e.invalidReason());
    }

    void ptb(JsonWriter g, PtbView p) throws IOException {
        ptb(g, p.frame(), p.router(), p.mtu(), p.quotedLength(), p.valid(), p.invalidReason());
    }

    private void event(JsonWriter g, long frame, String kind, String router, String receiver, int mtu,
                       String quotedFlow, int quotedLength, int refusedSize, boolean valid, String invalidReason,
                       List<String> notes) throws IOException {
        g.beginObject();
        g.field(FRAME, frame);
        int slot = ((Objects.hashCode(router) * 31 + Objects.hashCode(quotedFlow)) * 31 + mtu + notes.size())
                & (SLOTS - 1);
        EventTail kept = events[slot];
        if (kept != null && kept.matches(kind, router, receiver, mtu, quotedFlow, quotedLength, refusedSize, valid,
                invalidReason, notes)) {
            g.endObjectWith(kept.text);
            return;
        }
        events[slot] = eventTail(g, kind, router, receiver, mtu, quotedFlow, quotedLength, refusedSize, valid,
                invalidReason, notes, events[slot]);
    }

    /**
     * The entry after its frame number, written field by field, and kept ({@code kept} stays when it cannot
     * be). A method of its own: the few times it runs are not compiled into the many that copy.
     */
    private static EventTail eventTail(JsonWriter g, String kind, String router, String receiver, int mtu,
                                       String quotedFlow, int quotedLength, int refusedSize, boolean valid,
                                       String invalidReason, List<String> notes, EventTail kept)
            throws IOException {
        long mark = g.mark();
        g.field(KIND, kind);
        g.field(ROUTER, router);
        g.field(RECEIVER, receiver);
        g.field(MTU, mtu);
        g.field(QUOTED_FLOW, quotedFlow);
        g.field(QUOTED_LENGTH, quotedLength);
        g.field(REFUSED_SIZE, refusedSize);
        g.field(VALID, valid);
        g.field(INVALID_REASON, invalidReason);
        AnalysisJson.strings(g, NOTES, notes);
        g.endObject();
        byte[] text = g.since(mark);
        return text == null ? kept : new EventTail(kind, router, receiver, mtu, quotedFlow, quotedLength,
                refusedSize, valid, invalidReason, notes, text);
    }

    private void ptb(JsonWriter g, long frame, String router, int mtu, int quotedLength, boolean valid,
                     String invalidReason) throws IOException {
        g.beginObject();
        g.field(FRAME, frame);
        int slot = (Objects.hashCode(router) * 31 + mtu) & (SLOTS - 1);
        PtbTail kept = ptbs[slot];
        if (kept != null && kept.matches(router, mtu, quotedLength, valid, invalidReason)) {
            g.endObjectWith(kept.text);
            return;
        }
        ptbs[slot] = ptbTail(g, router, mtu, quotedLength, valid, invalidReason, ptbs[slot]);
    }

    /** As {@link #eventTail}, of a packet-too-big's entry in its flow. */
    private static PtbTail ptbTail(JsonWriter g, String router, int mtu, int quotedLength, boolean valid,
                                   String invalidReason, PtbTail kept) throws IOException {
        long mark = g.mark();
        g.field(ROUTER, router);
        g.field(MTU, mtu);
        g.field(QUOTED_LENGTH, quotedLength);
        g.field(VALID, valid);
        g.field(INVALID_REASON, invalidReason);
        g.endObject();
        byte[] text = g.since(mark);
        return text == null ? kept : new PtbTail(router, mtu, quotedLength, valid, invalidReason, text);
    }

    /** Equal texts; the same instance (the usual case in a flood) answers without comparing characters. */
    private static boolean same(String a, String b) {
        return a == b || a != null && a.equals(b);
    }
}
