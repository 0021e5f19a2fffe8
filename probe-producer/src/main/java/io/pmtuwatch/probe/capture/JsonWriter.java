package io.pmtuwatch.probe.capture;

import java.io.IOException;
import java.io.StringWriter;
import java.io.Writer;

/**
 * A streaming JSON writer for documents of tens of megabytes: compact (no spaces, no line ends), the
 * text Jackson's generator writes with its default settings (strings escaped the same way: quote,
 * backslash and control characters, those with a short form as {@code \n}, the others as a backslash,
 * u and four upper-case hex digits, everything else as is; integers in decimal), into a char buffer
 * handed to the {@link Writer} in large pieces. Names and values go straight into the buffer, without
 * the generator's per-call context checks. Not thread-safe; the caller writes a well-formed document
 * (nothing is checked).
 */
final class JsonWriter {

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();
    /** Per ASCII character: 0 as is, 'u' for the six-character form, else the letter after the backslash. */
    private static final char[] ESCAPES = new char[128];
    private static final int MAX_DEPTH = 64;
    /** Slots of the recent-values memo (a power of two). */
    private static final int RECENT_SLOTS = 256;
    /** Longer values are not kept in the memo. */
    private static final int RECENT_MAX_CHARS = 1024;

    static {
        for (int c = 0; c < 0x20; c++) {
            ESCAPES[c] = 'u';
        }
        ESCAPES['"'] = '"';
        ESCAPES['\\'] = '\\';
        ESCAPES['\b'] = 'b';
        ESCAPES['\t'] = 't';
        ESCAPES['\f'] = 'f';
        ESCAPES['\n'] = 'n';
        ESCAPES['\r'] = 'r';
    }

    private final Writer out;
    private final char[] buffer;
    private int length;
    /** Per open object or array (bit = depth): something was written in it, so the next entry needs a comma. */
    private long nonEmpty;
    private int depth;
    /** A field name was written: its value follows without a comma. */
    private boolean afterName;
    /**
     * String values written recently, by identity, and their quoted, escaped text: a large document repeats
     * the same few instances (a router's address text, a quoted flow's text, an event's shared notes) in
     * every one of a hundred thousand entries, and copying their text is cheaper than escaping it again
     * character by character. Direct-mapped: another string in the slot replaces it.
     */
    private final String[] recentValues = new String[RECENT_SLOTS];
    private final char[][] recentQuoted = new char[RECENT_SLOTS][];
    /** Times the buffer was handed on (or text written past it): a mark from before says its text is gone. */
    private int drains;

    JsonWriter(Writer out, int bufferSize) {
        this.out = out;
        this.buffer = new char[Math.max(bufferSize, 64)];
    }

    void beginObject() throws IOException {
        beforeValue();
        put('{');
        open();
    }

    void endObject() throws IOException {
        close();
        put('}');
    }

    void beginArray() throws IOException {
        beforeValue();
        put('[');
        open();
    }

    void endArray() throws IOException {
        close();
        put(']');
    }

    /** A field name known in advance, quoted and escaped once: {@code "name":}. */
    static final class Name {
        private final char[] text;

        private Name(char[] text) {
            this.text = text;
        }
    }

    /** Prepares a constant field name for {@link #name(Name)}. */
    static Name prepare(String name) {
        StringWriter quoted = new StringWriter();
        try {
            JsonWriter writer = new JsonWriter(quoted, 64);
            writer.quoted(name);
            writer.put(':');
            writer.flush();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e); // a StringWriter does not fail
        }
        return new Name(quoted.toString().toCharArray());
    }

    /** A field's name; its value comes next. */
    void name(String name) throws IOException {
        if (separate()) {
            put(',');
        }
        quoted(name);
        put(':');
        afterName = true;
    }

    /** {@link #name(String)} of a prepared name: copied, not escaped again. */
    void name(Name name) throws IOException {
        if (separate()) {
            put(',');
        }
        put(name.text);
        afterName = true;
    }

    /** A prepared name and its text: {@code name(name); value(text)}. */
    void field(Name name, String text) throws IOException {
        name(name);
        value(text);
    }

    /** A prepared name and its number. */
    void field(Name name, long number) throws IOException {
        name(name);
        value(number);
    }

    /** A prepared name and its flag. */
    void field(Name name, boolean flag) throws IOException {
        name(name);
        value(flag);
    }

    /** A string, or null. */
    void value(String text) throws IOException {
        beforeValue();
        if (text == null) {
            nullLiteral();
            return;
        }
        int slot = System.identityHashCode(text) & (RECENT_SLOTS - 1);
        if (recentValues[slot] == text) {
            put(recentQuoted[slot]);
            return;
        }
        if (text.length() > RECENT_MAX_CHARS || buffer.length - length < 6 * text.length() + 2) {
            quoted(text); // may drain midway: not kept
            return;
        }
        int start = length;
        quoted(text); // fits without a drain (at most six characters per character): the text is at [start, length)
        recentValues[slot] = text;
        recentQuoted[slot] = java.util.Arrays.copyOfRange(buffer, start, length);
    }

    void value(long number) throws IOException {
        beforeValue();
        if (number == Long.MIN_VALUE) {
            put(Long.toString(number));
            return;
        }
        if (number < 0) {
            put('-');
            number = -number;
        }
        digits(number);
    }

    void value(boolean flag) throws IOException {
        beforeValue();
        put(flag ? "true" : "false");
    }

    void nullValue() throws IOException {
        beforeValue();
        nullLiteral();
    }

    /** Where the text written next starts, for {@link #since}. */
    long mark() {
        return (long) drains << 32 | length;
    }

    /**
     * The text written since {@code mark}, or null when part of it was already handed to the writer. Text
     * that ends an object is written again by {@link #endObjectWith}.
     */
    char[] since(long mark) {
        return (int) (mark >>> 32) != drains ? null : java.util.Arrays.copyOfRange(buffer, (int) mark, length);
    }

    /**
     * Ends the object open now with {@code text} kept by {@link #since}: text that was written after an
     * entry of such an object up to and with its closing brace (its own entries after that one).
     */
    void endObjectWith(char[] text) throws IOException {
        put(text);
        close();
    }

    /** Hands everything written so far to the writer (and flushes it). */
    void flush() throws IOException {
        drain();
        out.flush();
    }

    private void beforeValue() throws IOException {
        if (afterName) {
            afterName = false;
        } else if (separate()) {
            put(',');
        }
    }

    /** Whether the current object or array already has an entry; it has one from now on. */
    private boolean separate() {
        long bit = 1L << depth;
        boolean had = (nonEmpty & bit) != 0;
        nonEmpty |= bit;
        return had;
    }

    private void open() {
        if (++depth >= MAX_DEPTH) {
            throw new IllegalStateException("JSON nested deeper than " + MAX_DEPTH);
        }
        nonEmpty &= ~(1L << depth);
    }

    private void close() {
        depth--;
    }

    private void nullLiteral() throws IOException {
        put("null");
    }

    private void digits(long number) throws IOException {
        if (buffer.length - length < 20) {
            drain();
        }
        if (number < 10) {
            buffer[length++] = (char) ('0' + number);
            return;
        }
        int count = 1;
        for (long rest = number / 10; rest > 0; rest /= 10) {
            count++;
        }
        int at = length + count;
        while (number > 0) {
            buffer[--at] = (char) ('0' + (int) (number % 10));
            number /= 10;
        }
        length += count;
    }

    /** {@code text} in quotes, escaped. */
    private void quoted(String text) throws IOException {
        put('"');
        int n = text.length();
        int from = 0;
        while (from < n) {
            // Runs without anything to escape are copied whole.
            int end = from;
            char c = 0;
            while (end < n && ((c = text.charAt(end)) >= 128 || ESCAPES[c] == 0)) {
                end++;
            }
            put(text, from, end);
            if (end == n) {
                break;
            }
            escape(c);
            from = end + 1;
        }
        put('"');
    }

    private void escape(char c) throws IOException {
        if (buffer.length - length < 6) {
            drain();
        }
        char kind = ESCAPES[c];
        buffer[length++] = '\\';
        if (kind != 'u') {
            buffer[length++] = kind;
            return;
        }
        buffer[length++] = 'u';
        buffer[length++] = '0';
        buffer[length++] = '0';
        buffer[length++] = HEX[c >> 4];
        buffer[length++] = HEX[c & 0xF];
    }

    private void put(char c) throws IOException {
        if (length == buffer.length) {
            drain();
        }
        buffer[length++] = c;
    }

    private void put(char[] text) throws IOException {
        if (buffer.length - length < text.length) {
            drain();
            if (text.length > buffer.length) {
                drains++;
                out.write(text);
                return;
            }
        }
        System.arraycopy(text, 0, buffer, length, text.length);
        length += text.length;
    }

    private void put(String text) throws IOException {
        put(text, 0, text.length());
    }

    private void put(String text, int from, int to) throws IOException {
        while (from < to) {
            if (length == buffer.length) {
                drain();
            }
            int n = Math.min(to - from, buffer.length - length);
            text.getChars(from, from + n, buffer, length);
            length += n;
            from += n;
        }
    }

    private void drain() throws IOException {
        drains++;
        out.write(buffer, 0, length);
        length = 0;
    }
}
