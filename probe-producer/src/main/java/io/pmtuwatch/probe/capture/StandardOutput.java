package io.pmtuwatch.probe.capture;

import java.io.BufferedWriter;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.Charset;

/**
 * The standard output as picocli makes it for a command (a {@link PrintWriter} in the standard output's
 * encoding, flushed at each line) that also hands out the byte stream under it and that charset:
 * {@code analyze --json} writes its tens of megabytes as bytes, without a char to byte encoding pass.
 */
public final class StandardOutput extends PrintWriter {

    private final OutputStream stream;
    private final Charset charset;

    private StandardOutput(OutputStream stream, Charset charset) {
        super(new BufferedWriter(new OutputStreamWriter(stream, charset)), true);
        this.stream = stream;
        this.charset = charset;
    }

    /** Over {@code stream} (the process's standard output), in the charset picocli would choose for it. */
    public static StandardOutput of(OutputStream stream) {
        return new StandardOutput(stream, charset(System.getProperty("sun.stdout.encoding")));
    }

    /** Picocli's choice (4.7): the named encoding (Windows' cp65001 is UTF-8), else the default charset. */
    static Charset charset(String name) {
        if (name == null) {
            return Charset.defaultCharset();
        }
        try {
            return Charset.forName("cp65001".equalsIgnoreCase(name) ? "UTF-8" : name);
        } catch (RuntimeException e) {
            return Charset.defaultCharset();
        }
    }

    /** The bytes' stream: flush this writer before writing to it, so that the order stays. */
    OutputStream stream() {
        return stream;
    }

    Charset charset() {
        return charset;
    }
}
