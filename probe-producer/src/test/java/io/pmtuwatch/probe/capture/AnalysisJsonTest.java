package io.pmtuwatch.probe.capture;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.pmtuwatch.probe.capture.AnalysisReport.Counts;
import io.pmtuwatch.probe.capture.AnalysisReport.FindingView;
import io.pmtuwatch.probe.capture.AnalysisReport.FlowView;
import io.pmtuwatch.probe.capture.AnalysisReport.MtuEventView;
import io.pmtuwatch.probe.capture.AnalysisReport.PtbView;
import io.pmtuwatch.probe.capture.AnalysisReport.RouterView;
import io.pmtuwatch.probe.capture.AnalysisReport.Summary;
import io.pmtuwatch.schemas.Origin;
import java.io.ByteArrayOutputStream;
import java.io.StringWriter;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code analyze --json} writes its report by hand: the document must be the one Jackson's object
 * mapper makes of the report records (what the command printed before), byte for byte.
 */
class AnalysisJsonTest {

    private static final ObjectMapper MAPPER = new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

    static List<Path> captures() throws Exception {
        List<Path> files = new ArrayList<>();
        try (Stream<Path> bundled = Files.list(BundledCapturesTest.directory())) {
            bundled.filter(AnalysisJsonTest::isCapture).sorted().forEach(files::add);
        }
        if (SharedCaptures.present()) {
            try (Stream<Path> shared = Files.list(SharedCaptures.directory())) {
                shared.filter(AnalysisJsonTest::isCapture).sorted().forEach(files::add);
            }
        }
        return files;
    }

    private static boolean isCapture(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith(".pcap") || name.endsWith(".pcapng");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("captures")
    void sameDocumentAsTheObjectMapperForEveryCapture(Path file) throws Exception {
        CaptureFileAnalysis.Outcome outcome = CaptureFileAnalysis.read(file, CaptureFileReader.BUILTIN, null, null);
        AnalysisReport report = new ReportBuilder("local", Origin.REPLAY).build(file.toString(), outcome.result(),
                outcome.damage());

        assertThat(handWritten(report)).isEqualTo(MAPPER.writeValueAsString(report));
    }

    /** What no capture may have: every nullable field null and set, escapes, several map entries. */
    @Test
    void sameDocumentForNullsEscapesAndDamage() throws Exception {
        Map<String, Integer> reasons = new LinkedHashMap<>();
        reasons.put("TCP header cut or invalid", 3);
        reasons.put("decoder error: \"quoted\"\n\t\u0001 é ✓", 1);
        Counts counts = new Counts(10, 1000, 6, 1, 3, reasons, 2, Map.of("VLAN", 4L), 5, 6, 7, 8, 9);
        Summary summary = new Summary(1, List.of(1400), 2, List.of(1280, 1500), Map.of("1460", 1),
                new LinkedHashMap<>(Map.of("none", 2)), 11, 12);
        FlowView withNulls = new FlowView("[2001:db8::1]:40000", "[2001:db8::2]:443", "tcp", 6, List.of(), 1, 0, null,
                null, null, 0, 0, 0, List.of(), null, null, null, List.of(), List.of());
        FlowView full = new FlowView("10.0.0.1:1", "10.0.0.2:2", "tcp", 4, List.of("VLAN", "GRE"), 2, 1, 1460, 1400,
                1360, 1500, 1400, 1, List.of(new PtbView(7, "10.0.0.9", 1400, 1500, true, null),
                        new PtbView(8, "10.0.0.9", 0, 1500, false, "no next-hop MTU given")), 1400, "PASSIVE", "WARNING",
                List.of(new FindingView("OVERSIZED_MSS", "WARNING", "a \\ backslash", "clamp", null),
                        new FindingView("MTU_DROP", "INFO", "m", null, "10.0.0.9")), List.of("note \u007f", "</script>"));
        AnalysisReport report = new AnalysisReport("dir/a \"b\".pcap", "ETHERNET", counts, summary,
                List.of(withNulls, full), List.of(new RouterView("10.0.0.9", 2, List.of(0, 1400), 1, 1,
                        List.of("tcp 10.0.0.1:1 > 10.0.0.2:2"))),
                List.of(new MtuEventView(7, "FRAG_NEEDED", "10.0.0.9", "10.0.0.1", 1400, "?", 1500, 1500, true, null,
                        List.of()), new MtuEventView(Long.MAX_VALUE, "PACKET_TOO_BIG", "fe80::1", "2001:db8::1", 1200,
                        "tcp [2001:db8::1]:40000 > [2001:db8::2]:443", 1500, 0, false, "IPv6 MTU 1200 below",
                        List.of("one", "two"))),
                List.of("capture note"), new CaptureDamage(9, 4096, "record cut short: 3 of 16 bytes"));

        assertThat(handWritten(report)).isEqualTo(MAPPER.writeValueAsString(report));
        AnalysisReport undamaged = new AnalysisReport(report.file(), report.linkType(), counts, summary, List.of(),
                List.of(), List.of(), List.of(), null);
        assertThat(handWritten(undamaged)).isEqualTo(MAPPER.writeValueAsString(undamaged));
    }

    /**
     * Every character below U+0800 (each control character, quote, backslash, DEL, Latin-1, two-byte
     * UTF-8), a surrogate pair and lone surrogates, in values and in map keys (field names), and numbers at
     * the ends of their ranges: the writer escapes and formats as Jackson does.
     */
    @Test
    void sameDocumentForEveryCharacterAndNumberRange() throws Exception {
        StringBuilder all = new StringBuilder();
        for (char c = 0; c < 0x800; c++) {
            all.append(c);
        }
        all.append("\uD83D\uDE00 lone \uD800 and \uDC00 end\uD800");
        String text = all.toString();
        Map<String, Integer> reasons = new LinkedHashMap<>();
        reasons.put(text, Integer.MAX_VALUE);
        reasons.put("", Integer.MIN_VALUE);
        Counts counts = new Counts(Long.MAX_VALUE, Long.MIN_VALUE, 0, -1, 9, reasons, 10, Map.of(text, -10L), 99, 100,
                101, 999_999_999_999L, -1_000_000_000_000L);
        Summary summary = new Summary(0, List.of(Integer.MIN_VALUE, -1, 0, 1, Integer.MAX_VALUE), 0, List.of(),
                Map.of(), Map.of(), 0, 0);
        AnalysisReport report = new AnalysisReport(text, text.substring(0, 40), counts, summary, List.of(), List.of(),
                List.of(), List.of(text, "", "\\\"\""), null);

        for (Charset charset : List.of(StandardCharsets.UTF_8, StandardCharsets.ISO_8859_1, StandardCharsets.US_ASCII)) {
            // The bytes an OutputStreamWriter in that charset made of Jackson's text (what stdout got before).
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            AnalysisJson.write(report, bytes, charset);
            assertThat(bytes.toByteArray()).as(charset.name())
                    .isEqualTo(MAPPER.writeValueAsString(report).getBytes(charset));
        }
        // Through a Writer: the text as UTF-8 decodes it, a lone surrogate as its replacement.
        assertThat(handWritten(report)).isEqualTo(new String(MAPPER.writeValueAsString(report)
                .getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8));
    }

    private static String handWritten(AnalysisReport report) throws Exception {
        StringWriter out = new StringWriter();
        AnalysisJson.write(report, out);
        return out.toString();
    }
}
