package io.pmtuwatch.probe.capture;

import io.pmtuwatch.probe.capture.AnalysisReport.Counts;
import io.pmtuwatch.probe.capture.AnalysisReport.FindingView;
import io.pmtuwatch.probe.capture.AnalysisReport.FlowView;
import io.pmtuwatch.probe.capture.AnalysisReport.MtuEventView;
import io.pmtuwatch.probe.capture.AnalysisReport.PtbView;
import io.pmtuwatch.probe.capture.AnalysisReport.RouterView;
import io.pmtuwatch.probe.capture.AnalysisReport.Summary;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * {@code analyze --json}: an {@link AnalysisReport} written field by field ({@link JsonWriter}). The
 * same document, byte for byte, as Jackson's object mapper made of the records (record components in
 * declaration order, nulls written, maps in their iteration order; a test compares the two), without
 * its reflective per-field calls nor its generator's per-call checks: a capture with 98,000
 * packet-too-bigs makes a 53 MB document, and the mapper spent a sixth of {@code analyze}'s time on it,
 * Jackson's generator still a sixth of its main thread. The MTU events and PTBs are written straight from
 * the analyzer's events when the report holds them so ({@link MtuEventViews}, {@link PtbViews}), through
 * {@link EventEntries}. A field added to a view must be added here too, or there for those two (the test
 * fails until it is).
 */
final class AnalysisJson {

    private static final int BUFFER_BYTES = 1 << 16;
    private static final JsonWriter.Name ADDRESS = JsonWriter.prepare("address");
    private static final JsonWriter.Name BACKWARDS_TIMESTAMPS = JsonWriter.prepare("backwardsTimestamps");
    private static final JsonWriter.Name BYTES = JsonWriter.prepare("bytes");
    private static final JsonWriter.Name CLIENT = JsonWriter.prepare("client");
    private static final JsonWriter.Name CODE = JsonWriter.prepare("code");
    private static final JsonWriter.Name COUNTS = JsonWriter.prepare("counts");
    private static final JsonWriter.Name DAMAGE = JsonWriter.prepare("damage");
    private static final JsonWriter.Name DECODED = JsonWriter.prepare("decoded");
    private static final JsonWriter.Name EFFECTIVE_MSS = JsonWriter.prepare("effectiveMss");
    private static final JsonWriter.Name ENCAPSULATIONS = JsonWriter.prepare("encapsulations");
    private static final JsonWriter.Name FILE = JsonWriter.prepare("file");
    private static final JsonWriter.Name FINDINGS = JsonWriter.prepare("findings");
    private static final JsonWriter.Name FIX = JsonWriter.prepare("fix");
    private static final JsonWriter.Name FLOWS = JsonWriter.prepare("flows");
    private static final JsonWriter.Name FRAG_NEEDED_COUNT = JsonWriter.prepare("fragNeededCount");
    private static final JsonWriter.Name FRAG_NEEDED_MTUS = JsonWriter.prepare("fragNeededMtus");
    static final JsonWriter.Name FRAME = JsonWriter.prepare("frame");
    private static final JsonWriter.Name FRAMES = JsonWriter.prepare("frames");
    private static final JsonWriter.Name FRAMES_READ = JsonWriter.prepare("framesRead");
    private static final JsonWriter.Name HOP = JsonWriter.prepare("hop");
    private static final JsonWriter.Name INVALID = JsonWriter.prepare("invalid");
    static final JsonWriter.Name INVALID_REASON = JsonWriter.prepare("invalidReason");
    private static final JsonWriter.Name IP_VERSION = JsonWriter.prepare("ipVersion");
    private static final JsonWriter.Name IPV4_FRAGMENTS = JsonWriter.prepare("ipv4Fragments");
    private static final JsonWriter.Name IPV6_FRAGMENTS = JsonWriter.prepare("ipv6Fragments");
    static final JsonWriter.Name KIND = JsonWriter.prepare("kind");
    private static final JsonWriter.Name LARGEST_FROM_CLIENT = JsonWriter.prepare("largestFromClient");
    private static final JsonWriter.Name LARGEST_FROM_SERVER = JsonWriter.prepare("largestFromServer");
    private static final JsonWriter.Name LINK_TYPE = JsonWriter.prepare("linkType");
    private static final JsonWriter.Name MALFORMED = JsonWriter.prepare("malformed");
    private static final JsonWriter.Name MALFORMED_REASONS = JsonWriter.prepare("malformedReasons");
    private static final JsonWriter.Name MESSAGE = JsonWriter.prepare("message");
    private static final JsonWriter.Name MESSAGES = JsonWriter.prepare("messages");
    private static final JsonWriter.Name MSS_ON_NON_SYN = JsonWriter.prepare("mssOnNonSyn");
    private static final JsonWriter.Name MSS_RECEIVED = JsonWriter.prepare("mssReceived");
    private static final JsonWriter.Name MSS_SENT = JsonWriter.prepare("mssSent");
    static final JsonWriter.Name MTU = JsonWriter.prepare("mtu");
    private static final JsonWriter.Name MTU_EVENTS = JsonWriter.prepare("mtuEvents");
    private static final JsonWriter.Name MTUS = JsonWriter.prepare("mtus");
    private static final JsonWriter.Name NOT_IP = JsonWriter.prepare("notIp");
    static final JsonWriter.Name NOTES = JsonWriter.prepare("notes");
    private static final JsonWriter.Name OFFLOAD_SEGMENTS = JsonWriter.prepare("offloadSegments");
    private static final JsonWriter.Name OFFSET = JsonWriter.prepare("offset");
    private static final JsonWriter.Name OTHER_ICMP_ERRORS = JsonWriter.prepare("otherIcmpErrors");
    private static final JsonWriter.Name PMTU = JsonWriter.prepare("pmtu");
    private static final JsonWriter.Name PMTU_SOURCE = JsonWriter.prepare("pmtuSource");
    private static final JsonWriter.Name PROTOCOL = JsonWriter.prepare("protocol");
    private static final JsonWriter.Name PTB6_COUNT = JsonWriter.prepare("ptb6Count");
    private static final JsonWriter.Name PTB6_MTUS = JsonWriter.prepare("ptb6Mtus");
    private static final JsonWriter.Name PTBS = JsonWriter.prepare("ptbs");
    static final JsonWriter.Name QUOTED_FLOW = JsonWriter.prepare("quotedFlow");
    static final JsonWriter.Name QUOTED_LENGTH = JsonWriter.prepare("quotedLength");
    private static final JsonWriter.Name REASSEMBLED_DATAGRAMS = JsonWriter.prepare("reassembledDatagrams");
    static final JsonWriter.Name RECEIVER = JsonWriter.prepare("receiver");
    static final JsonWriter.Name REFUSED_SIZE = JsonWriter.prepare("refusedSize");
    static final JsonWriter.Name ROUTER = JsonWriter.prepare("router");
    private static final JsonWriter.Name ROUTERS = JsonWriter.prepare("routers");
    private static final JsonWriter.Name SERVER = JsonWriter.prepare("server");
    private static final JsonWriter.Name SEVERITY = JsonWriter.prepare("severity");
    private static final JsonWriter.Name SNAPLEN_CUT_FRAMES = JsonWriter.prepare("snaplenCutFrames");
    private static final JsonWriter.Name STATUS = JsonWriter.prepare("status");
    private static final JsonWriter.Name SUMMARY = JsonWriter.prepare("summary");
    private static final JsonWriter.Name SYN_ACK_COUNT = JsonWriter.prepare("synAckCount");
    private static final JsonWriter.Name SYN_ACK_MSS = JsonWriter.prepare("synAckMss");
    private static final JsonWriter.Name SYN_COUNT = JsonWriter.prepare("synCount");
    private static final JsonWriter.Name SYN_MSS = JsonWriter.prepare("synMss");
    private static final JsonWriter.Name TIME_EXCEEDED = JsonWriter.prepare("timeExceeded");
    static final JsonWriter.Name VALID = JsonWriter.prepare("valid");

    private AnalysisJson() {
    }

    /**
     * Writes {@code report} as one JSON document (no line end) in UTF-8, then decoded for {@code out} (a
     * character a charset cannot encode, e.g. a lone surrogate, becomes its replacement); {@code out} stays
     * open, flushed. For a writer that is not the standard output's stream.
     */
    static void write(AnalysisReport report, Writer out) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        write(report, bytes, StandardCharsets.UTF_8);
        out.write(bytes.toString(StandardCharsets.UTF_8));
        out.flush();
    }

    /**
     * Writes {@code report} as one JSON document (no line end) in {@code charset} (one that encodes ASCII as
     * its bytes); {@code out} stays open, flushed.
     */
    static void write(AnalysisReport report, OutputStream out, Charset charset) throws IOException {
        JsonWriter g = new JsonWriter(out, charset, BUFFER_BYTES);
        g.beginObject();
        g.field(FILE, report.file());
        g.field(LINK_TYPE, report.linkType());
        g.name(COUNTS);
        counts(g, report.counts());
        g.name(SUMMARY);
        summary(g, report.summary());
        EventEntries entries = new EventEntries();
        g.name(FLOWS);
        g.beginArray();
        for (FlowView flow : report.flows()) {
            flow(g, flow, entries);
        }
        g.endArray();
        g.name(ROUTERS);
        g.beginArray();
        for (RouterView router : report.routers()) {
            router(g, router);
        }
        g.endArray();
        g.name(MTU_EVENTS);
        g.beginArray();
        if (report.mtuEvents() instanceof MtuEventViews views) {
            // Straight from the analyzer's events: no view made per event.
            for (int i = 0; i < views.size(); i++) {
                entries.event(g, views.event(i), views.quotedFlow(i));
            }
        } else {
            for (MtuEventView event : report.mtuEvents()) {
                entries.event(g, event);
            }
        }
        g.endArray();
        strings(g, NOTES, report.notes());
        g.name(DAMAGE);
        if (report.damage() == null) {
            g.nullValue();
        } else {
            g.beginObject();
            g.field(FRAMES_READ, report.damage().framesRead());
            g.field(OFFSET, report.damage().offset());
            g.field(MESSAGE, report.damage().message());
            g.endObject();
        }
        g.endObject();
        g.flush();
    }

    private static void counts(JsonWriter g, Counts c) throws IOException {
        g.beginObject();
        g.field(FRAMES, c.frames());
        g.field(BYTES, c.bytes());
        g.field(DECODED, c.decoded());
        g.field(NOT_IP, c.notIp());
        g.field(MALFORMED, c.malformed());
        map(g, MALFORMED_REASONS, c.malformedReasons());
        g.field(SNAPLEN_CUT_FRAMES, c.snaplenCutFrames());
        map(g, ENCAPSULATIONS, c.encapsulations());
        g.field(TIME_EXCEEDED, c.timeExceeded());
        g.field(OTHER_ICMP_ERRORS, c.otherIcmpErrors());
        g.field(MSS_ON_NON_SYN, c.mssOnNonSyn());
        g.field(REASSEMBLED_DATAGRAMS, c.reassembledDatagrams());
        g.field(BACKWARDS_TIMESTAMPS, c.backwardsTimestamps());
        g.endObject();
    }

    private static void summary(JsonWriter g, Summary s) throws IOException {
        g.beginObject();
        g.field(FRAG_NEEDED_COUNT, s.fragNeededCount());
        integers(g, FRAG_NEEDED_MTUS, s.fragNeededMtus());
        g.field(PTB6_COUNT, s.ptb6Count());
        integers(g, PTB6_MTUS, s.ptb6Mtus());
        map(g, SYN_MSS, s.synMss());
        map(g, SYN_ACK_MSS, s.synAckMss());
        g.field(IPV4_FRAGMENTS, s.ipv4Fragments());
        g.field(IPV6_FRAGMENTS, s.ipv6Fragments());
        g.endObject();
    }

    private static void flow(JsonWriter g, FlowView f, EventEntries entries) throws IOException {
        g.beginObject();
        g.field(CLIENT, f.client());
        g.field(SERVER, f.server());
        g.field(PROTOCOL, f.protocol());
        g.field(IP_VERSION, f.ipVersion());
        strings(g, ENCAPSULATIONS, f.encapsulations());
        g.field(SYN_COUNT, f.synCount());
        g.field(SYN_ACK_COUNT, f.synAckCount());
        nullable(g, MSS_SENT, f.mssSent());
        nullable(g, MSS_RECEIVED, f.mssReceived());
        nullable(g, EFFECTIVE_MSS, f.effectiveMss());
        g.field(LARGEST_FROM_CLIENT, f.largestFromClient());
        g.field(LARGEST_FROM_SERVER, f.largestFromServer());
        g.field(OFFLOAD_SEGMENTS, f.offloadSegments());
        g.name(PTBS);
        g.beginArray();
        if (f.ptbs() instanceof PtbViews views) {
            for (int i = 0; i < views.size(); i++) {
                entries.ptb(g, views.event(i));
            }
        } else {
            for (PtbView p : f.ptbs()) {
                entries.ptb(g, p);
            }
        }
        g.endArray();
        nullable(g, PMTU, f.pmtu());
        g.field(PMTU_SOURCE, f.pmtuSource());
        g.field(STATUS, f.status());
        g.name(FINDINGS);
        g.beginArray();
        for (FindingView finding : f.findings()) {
            g.beginObject();
            g.field(CODE, finding.code());
            g.field(SEVERITY, finding.severity());
            g.field(MESSAGE, finding.message());
            g.field(FIX, finding.fix());
            g.field(HOP, finding.hop());
            g.endObject();
        }
        g.endArray();
        strings(g, NOTES, f.notes());
        g.endObject();
    }

    private static void router(JsonWriter g, RouterView r) throws IOException {
        g.beginObject();
        g.field(ADDRESS, r.address());
        g.field(MESSAGES, r.messages());
        integers(g, MTUS, r.mtus());
        g.field(VALID, r.valid());
        g.field(INVALID, r.invalid());
        strings(g, FLOWS, r.flows());
        g.endObject();
    }

    private static void nullable(JsonWriter g, JsonWriter.Name name, Integer value) throws IOException {
        g.name(name);
        if (value == null) {
            g.nullValue();
        } else {
            g.value(value);
        }
    }

    private static void integers(JsonWriter g, JsonWriter.Name name, List<Integer> values) throws IOException {
        g.name(name);
        g.beginArray();
        for (Integer value : values) {
            g.value(value);
        }
        g.endArray();
    }

    static void strings(JsonWriter g, JsonWriter.Name name, List<String> values) throws IOException {
        g.name(name);
        g.beginArray();
        for (String value : values) {
            g.value(value);
        }
        g.endArray();
    }

    private static void map(JsonWriter g, JsonWriter.Name name, Map<String, ? extends Number> values) throws IOException {
        g.name(name);
        g.beginObject();
        for (Map.Entry<String, ? extends Number> entry : values.entrySet()) {
            g.name(entry.getKey());
            g.value(entry.getValue().longValue());
        }
        g.endObject();
    }
}
