package io.pmtuwatch.probe.capture;

import static org.assertj.core.api.Assertions.assertThat;

import io.pmtuwatch.probe.cli.ProbeMain;
import java.io.ByteArrayOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code analyze --json} on a {@link StandardOutput} writes its document as bytes to the stream under it:
 * the same bytes, line end included and in order, as through a character writer in the same charset.
 */
class StandardOutputTest {

    @Test
    void jsonAsBytesIsWhatTheWriterPrinted() throws Exception {
        List<Path> files = AnalysisJsonTest.captures();
        assertThat(files).isNotEmpty();
        for (Path file : files) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            StandardOutput standard = StandardOutput.of(bytes);
            int code = analyze(file, standard);
            ByteArrayOutputStream written = new ByteArrayOutputStream();
            int writerCode = analyze(file, new PrintWriter(new OutputStreamWriter(written, standard.charset()), true));

            assertThat(code).as(file.toString()).isEqualTo(writerCode);
            assertThat(bytes.toByteArray()).as(file.toString()).isEqualTo(written.toByteArray());
            assertThat(bytes.toString(standard.charset())).startsWith("{\"file\":").endsWith("}" + System.lineSeparator());
        }
    }

    @Test
    void charsetIsPicocliChoice() {
        assertThat(StandardOutput.charset(null)).isEqualTo(Charset.defaultCharset());
        assertThat(StandardOutput.charset("cp65001")).isEqualTo(StandardCharsets.UTF_8);
        assertThat(StandardOutput.charset("ISO-8859-1")).isEqualTo(StandardCharsets.ISO_8859_1);
        assertThat(StandardOutput.charset("no-such-charset")).isEqualTo(Charset.defaultCharset());
    }

    private static int analyze(Path file, PrintWriter out) {
        CommandLine cl = ProbeMain.commandLine();
        cl.setOut(out);
        cl.setErr(new PrintWriter(new StringWriter()));
        return cl.execute("analyze", "--json", file.toString());
    }
}
