package io.pmtuwatch.probe.capture;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
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
 * {@code analyze --json}: an {@link AnalysisReport} written field by field through Jackson's streaming
 * generator. The same document, byte for byte, as the object mapper made of the records (record
 * components in declaration order, nulls written, maps in their iteration order; a test compares the
 * two), without its reflective per-field calls: a capture with 98,000 packet-too-bigs made a 53 MB
 * document, and the mapper spent a sixth of {@code analyze}'s time on it. A field added to a view must
 * be added here too (the test fails until it is).
 */
final class AnalysisJson {

    private static final JsonFactory FACTORY = new JsonFactory()
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);

    private AnalysisJson() {
    }

    /** Writes {@code report} as one JSON document (no line end); {@code out} stays open, flushed. */
    static void write(AnalysisReport report, Writer out) throws IOException {
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("file", report.file());
            g.writeStringField("linkType", report.linkType());
            g.writeFieldName("counts");
            counts(g, report.counts());
            g.writeFieldName("summary");
            summary(g, report.summary());
            g.writeArrayFieldStart("flows");
            for (FlowView flow : report.flows()) {
                flow(g, flow);
            }
            g.writeEndArray();
            g.writeArrayFieldStart("routers");
            for (RouterView router : report.routers()) {
                router(g, router);
            }
            g.writeEndArray();
            g.writeArrayFieldStart("mtuEvents");
            for (MtuEventView event : report.mtuEvents()) {
                event(g, event);
            }
            g.writeEndArray();
            strings(g, "notes", report.notes());
            g.writeFieldName("damage");
            if (report.damage() == null) {
                g.writeNull();
            } else {
                g.writeStartObject();
                g.writeNumberField("framesRead", report.damage().framesRead());
                g.writeNumberField("offset", report.damage().offset());
                g.writeStringField("message", report.damage().message());
                g.writeEndObject();
            }
            g.writeEndObject();
        }
    }

    private static void counts(JsonGenerator g, Counts c) throws IOException {
        g.writeStartObject();
        g.writeNumberField("frames", c.frames());
        g.writeNumberField("bytes", c.bytes());
        g.writeNumberField("decoded", c.decoded());
        g.writeNumberField("notIp", c.notIp());
        g.writeNumberField("malformed", c.malformed());
        map(g, "malformedReasons", c.malformedReasons());
        g.writeNumberField("snaplenCutFrames", c.snaplenCutFrames());
        map(g, "encapsulations", c.encapsulations());
        g.writeNumberField("timeExceeded", c.timeExceeded());
        g.writeNumberField("otherIcmpErrors", c.otherIcmpErrors());
        g.writeNumberField("mssOnNonSyn", c.mssOnNonSyn());
        g.writeNumberField("reassembledDatagrams", c.reassembledDatagrams());
        g.writeNumberField("backwardsTimestamps", c.backwardsTimestamps());
        g.writeEndObject();
    }

    private static void summary(JsonGenerator g, Summary s) throws IOException {
        g.writeStartObject();
        g.writeNumberField("fragNeededCount", s.fragNeededCount());
        integers(g, "fragNeededMtus", s.fragNeededMtus());
        g.writeNumberField("ptb6Count", s.ptb6Count());
        integers(g, "ptb6Mtus", s.ptb6Mtus());
        map(g, "synMss", s.synMss());
        map(g, "synAckMss", s.synAckMss());
        g.writeNumberField("ipv4Fragments", s.ipv4Fragments());
        g.writeNumberField("ipv6Fragments", s.ipv6Fragments());
        g.writeEndObject();
    }

    private static void flow(JsonGenerator g, FlowView f) throws IOException {
        g.writeStartObject();
        g.writeStringField("client", f.client());
        g.writeStringField("server", f.server());
        g.writeStringField("protocol", f.protocol());
        g.writeNumberField("ipVersion", f.ipVersion());
        strings(g, "encapsulations", f.encapsulations());
        g.writeNumberField("synCount", f.synCount());
        g.writeNumberField("synAckCount", f.synAckCount());
        nullable(g, "mssSent", f.mssSent());
        nullable(g, "mssReceived", f.mssReceived());
        nullable(g, "effectiveMss", f.effectiveMss());
        g.writeNumberField("largestFromClient", f.largestFromClient());
        g.writeNumberField("largestFromServer", f.largestFromServer());
        g.writeNumberField("offloadSegments", f.offloadSegments());
        g.writeArrayFieldStart("ptbs");
        for (PtbView p : f.ptbs()) {
            g.writeStartObject();
            g.writeNumberField("frame", p.frame());
            g.writeStringField("router", p.router());
            g.writeNumberField("mtu", p.mtu());
            g.writeNumberField("quotedLength", p.quotedLength());
            g.writeBooleanField("valid", p.valid());
            g.writeStringField("invalidReason", p.invalidReason());
            g.writeEndObject();
        }
        g.writeEndArray();
        nullable(g, "pmtu", f.pmtu());
        g.writeStringField("pmtuSource", f.pmtuSource());
        g.writeStringField("status", f.status());
        g.writeArrayFieldStart("findings");
        for (FindingView finding : f.findings()) {
            g.writeStartObject();
            g.writeStringField("code", finding.code());
            g.writeStringField("severity", finding.severity());
            g.writeStringField("message", finding.message());
            g.writeStringField("fix", finding.fix());
            g.writeStringField("hop", finding.hop());
            g.writeEndObject();
        }
        g.writeEndArray();
        strings(g, "notes", f.notes());
        g.writeEndObject();
    }

    private static void router(JsonGenerator g, RouterView r) throws IOException {
        g.writeStartObject();
        g.writeStringField("address", r.address());
        g.writeNumberField("messages", r.messages());
        integers(g, "mtus", r.mtus());
        g.writeNumberField("valid", r.valid());
        g.writeNumberField("invalid", r.invalid());
        strings(g, "flows", r.flows());
        g.writeEndObject();
    }

    private static void event(JsonGenerator g, MtuEventView e) throws IOException {
        g.writeStartObject();
        g.writeNumberField("frame", e.frame());
        g.writeStringField("kind", e.kind());
        g.writeStringField("router", e.router());
        g.writeStringField("receiver", e.receiver());
        g.writeNumberField("mtu", e.mtu());
        g.writeStringField("quotedFlow", e.quotedFlow());
        g.writeNumberField("quotedLength", e.quotedLength());
        g.writeNumberField("refusedSize", e.refusedSize());
        g.writeBooleanField("valid", e.valid());
        g.writeStringField("invalidReason", e.invalidReason());
        strings(g, "notes", e.notes());
        g.writeEndObject();
    }

    private static void nullable(JsonGenerator g, String name, Integer value) throws IOException {
        g.writeFieldName(name);
        if (value == null) {
            g.writeNull();
        } else {
            g.writeNumber(value);
        }
    }

    private static void integers(JsonGenerator g, String name, List<Integer> values) throws IOException {
        g.writeArrayFieldStart(name);
        for (Integer value : values) {
            g.writeNumber(value);
        }
        g.writeEndArray();
    }

    private static void strings(JsonGenerator g, String name, List<String> values) throws IOException {
        g.writeArrayFieldStart(name);
        for (String value : values) {
            g.writeString(value);
        }
        g.writeEndArray();
    }

    private static void map(JsonGenerator g, String name, Map<String, ? extends Number> values) throws IOException {
        g.writeObjectFieldStart(name);
        for (Map.Entry<String, ? extends Number> entry : values.entrySet()) {
            g.writeFieldName(entry.getKey());
            g.writeNumber(entry.getValue().longValue());
        }
        g.writeEndObject();
    }
}
