package io.pmtuwatch.probe.capture;

import io.pmtuwatch.probe.capture.AnalysisReport.Counts;
import io.pmtuwatch.probe.capture.AnalysisReport.FindingView;
import io.pmtuwatch.probe.capture.AnalysisReport.FlowView;
import io.pmtuwatch.probe.capture.AnalysisReport.MtuEventView;
import io.pmtuwatch.probe.capture.AnalysisReport.PtbView;
import io.pmtuwatch.probe.capture.AnalysisReport.RouterView;
import io.pmtuwatch.probe.capture.AnalysisReport.Summary;
import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.Map;

/**
 * {@code analyze --json}: an {@link AnalysisReport} written field by field ({@link JsonWriter}). The
 * same document, byte for byte, as Jackson's object mapper made of the records (record components in
 * declaration order, nulls written, maps in their iteration order; a test compares the two), without
 * its reflective per-field calls nor its generator's per-call checks: a capture with 98,000
 * packet-too-bigs makes a 53 MB document, and the mapper spent a sixth of {@code analyze}'s time on it,
 * Jackson's generator still a sixth of its main thread. A field added to a view must be added here too
 * (the test fails until it is).
 */
final class AnalysisJson {

    private static final int BUFFER_CHARS = 1 << 16;

    private AnalysisJson() {
    }

    /** Writes {@code report} as one JSON document (no line end); {@code out} stays open, flushed. */
    static void write(AnalysisReport report, Writer out) throws IOException {
        JsonWriter g = new JsonWriter(out, BUFFER_CHARS);
        g.beginObject();
        g.name("file");
        g.value(report.file());
        g.name("linkType");
        g.value(report.linkType());
        g.name("counts");
        counts(g, report.counts());
        g.name("summary");
        summary(g, report.summary());
        g.name("flows");
        g.beginArray();
        for (FlowView flow : report.flows()) {
            flow(g, flow);
        }
        g.endArray();
        g.name("routers");
        g.beginArray();
        for (RouterView router : report.routers()) {
            router(g, router);
        }
        g.endArray();
        g.name("mtuEvents");
        g.beginArray();
        for (MtuEventView event : report.mtuEvents()) {
            event(g, event);
        }
        g.endArray();
        strings(g, "notes", report.notes());
        g.name("damage");
        if (report.damage() == null) {
            g.nullValue();
        } else {
            g.beginObject();
            g.name("framesRead");
            g.value(report.damage().framesRead());
            g.name("offset");
            g.value(report.damage().offset());
            g.name("message");
            g.value(report.damage().message());
            g.endObject();
        }
        g.endObject();
        g.flush();
    }

    private static void counts(JsonWriter g, Counts c) throws IOException {
        g.beginObject();
        g.name("frames");
        g.value(c.frames());
        g.name("bytes");
        g.value(c.bytes());
        g.name("decoded");
        g.value(c.decoded());
        g.name("notIp");
        g.value(c.notIp());
        g.name("malformed");
        g.value(c.malformed());
        map(g, "malformedReasons", c.malformedReasons());
        g.name("snaplenCutFrames");
        g.value(c.snaplenCutFrames());
        map(g, "encapsulations", c.encapsulations());
        g.name("timeExceeded");
        g.value(c.timeExceeded());
        g.name("otherIcmpErrors");
        g.value(c.otherIcmpErrors());
        g.name("mssOnNonSyn");
        g.value(c.mssOnNonSyn());
        g.name("reassembledDatagrams");
        g.value(c.reassembledDatagrams());
        g.name("backwardsTimestamps");
        g.value(c.backwardsTimestamps());
        g.endObject();
    }

    private static void summary(JsonWriter g, Summary s) throws IOException {
        g.beginObject();
        g.name("fragNeededCount");
        g.value(s.fragNeededCount());
        integers(g, "fragNeededMtus", s.fragNeededMtus());
        g.name("ptb6Count");
        g.value(s.ptb6Count());
        integers(g, "ptb6Mtus", s.ptb6Mtus());
        map(g, "synMss", s.synMss());
        map(g, "synAckMss", s.synAckMss());
        g.name("ipv4Fragments");
        g.value(s.ipv4Fragments());
        g.name("ipv6Fragments");
        g.value(s.ipv6Fragments());
        g.endObject();
    }

    private static void flow(JsonWriter g, FlowView f) throws IOException {
        g.beginObject();
        g.name("client");
        g.value(f.client());
        g.name("server");
        g.value(f.server());
        g.name("protocol");
        g.value(f.protocol());
        g.name("ipVersion");
        g.value(f.ipVersion());
        strings(g, "encapsulations", f.encapsulations());
        g.name("synCount");
        g.value(f.synCount());
        g.name("synAckCount");
        g.value(f.synAckCount());
        nullable(g, "mssSent", f.mssSent());
        nullable(g, "mssReceived", f.mssReceived());
        nullable(g, "effectiveMss", f.effectiveMss());
        g.name("largestFromClient");
        g.value(f.largestFromClient());
        g.name("largestFromServer");
        g.value(f.largestFromServer());
        g.name("offloadSegments");
        g.value(f.offloadSegments());
        g.name("ptbs");
        g.beginArray();
        for (PtbView p : f.ptbs()) {
            g.beginObject();
            g.name("frame");
            g.value(p.frame());
            g.name("router");
            g.value(p.router());
            g.name("mtu");
            g.value(p.mtu());
            g.name("quotedLength");
            g.value(p.quotedLength());
            g.name("valid");
            g.value(p.valid());
            g.name("invalidReason");
            g.value(p.invalidReason());
            g.endObject();
        }
        g.endArray();
        nullable(g, "pmtu", f.pmtu());
        g.name("pmtuSource");
        g.value(f.pmtuSource());
        g.name("status");
        g.value(f.status());
        g.name("findings");
        g.beginArray();
        for (FindingView finding : f.findings()) {
            g.beginObject();
            g.name("code");
            g.value(finding.code());
            g.name("severity");
            g.value(finding.severity());
            g.name("message");
            g.value(finding.message());
            g.name("fix");
            g.value(finding.fix());
            g.name("hop");
            g.value(finding.hop());
            g.endObject();
        }
        g.endArray();
        strings(g, "notes", f.notes());
        g.endObject();
    }

    private static void router(JsonWriter g, RouterView r) throws IOException {
        g.beginObject();
        g.name("address");
        g.value(r.address());
        g.name("messages");
        g.value(r.messages());
        integers(g, "mtus", r.mtus());
        g.name("valid");
        g.value(r.valid());
        g.name("invalid");
        g.value(r.invalid());
        strings(g, "flows", r.flows());
        g.endObject();
    }

    private static void event(JsonWriter g, MtuEventView e) throws IOException {
        g.beginObject();
        g.name("frame");
        g.value(e.frame());
        g.name("kind");
        g.value(e.kind());
        g.name("router");
        g.value(e.router());
        g.name("receiver");
        g.value(e.receiver());
        g.name("mtu");
        g.value(e.mtu());
        g.name("quotedFlow");
        g.value(e.quotedFlow());
        g.name("quotedLength");
        g.value(e.quotedLength());
        g.name("refusedSize");
        g.value(e.refusedSize());
        g.name("valid");
        g.value(e.valid());
        g.name("invalidReason");
        g.value(e.invalidReason());
        strings(g, "notes", e.notes());
        g.endObject();
    }

    private static void nullable(JsonWriter g, String name, Integer value) throws IOException {
        g.name(name);
        if (value == null) {
            g.nullValue();
        } else {
            g.value(value);
        }
    }

    private static void integers(JsonWriter g, String name, List<Integer> values) throws IOException {
        g.name(name);
        g.beginArray();
        for (Integer value : values) {
            g.value(value);
        }
        g.endArray();
    }

    private static void strings(JsonWriter g, String name, List<String> values) throws IOException {
        g.name(name);
        g.beginArray();
        for (String value : values) {
            g.value(value);
        }
        g.endArray();
    }

    private static void map(JsonWriter g, String name, Map<String, ? extends Number> values) throws IOException {
        g.name(name);
        g.beginObject();
        for (Map.Entry<String, ? extends Number> entry : values.entrySet()) {
            g.name(entry.getKey());
            g.value(entry.getValue().longValue());
        }
        g.endObject();
    }
}
