package io.pmtuwatch.probe.capture;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * A streaming JSON writer for documents of tens of megabytes: compact (no spaces, no line ends), the
 * text Jackson's generator writes with its default settings (strings escaped the same way: quote,
 * backslash and control characters, those with a short form as {@code \n}, the others as a backslash,
 * u and four upper-case hex digits, everything else as is; integers in decimal), encoded in a byte buffer
 * handed to the {@link OutputStream} in large pieces. ASCII goes in as its bytes, the rest through the
 * charset (whose replacement stands for what it cannot encode, as an {@code OutputStreamWriter}'s does):
 * a 53 MB document through a {@code PrintWriter} cost a char to byte encoding pass and three copies. Names
 * and values go straight into the buffer, without the generator's per-call context checks. Not
 * thread-safe; the caller writes a well-formed document (nothing is checked).
 */
final class JsonWriter {

    private static final byte[] HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] TRUE = {'t', 'r', 'u', 'e'};
    private static final byte[] FALSE = {'f', 'a', 'l', 's', 'e'};
    private static final byte[] NULL = {'n', 'u', 'l', 'l'};
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

    private final OutputStream out;
    private final Charset charset;
    private final byte[] buffer;
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
    private final byte[][] recentQuoted = new byte[RECENT_SLOTS][];
    /** Times the buffer was handed on (or text written past it): a mark from before says its text is gone. */
    private int drains;

    /** @param charset one that encodes ASCII as its bytes ({@link #asciiCompatible}) */
    JsonWriter(OutputStream out, Charset charset, int bufferSize) {
        if (!asciiCompatible(charset)) {
            throw new IllegalArgumentException(charset + " does not encode ASCII as its bytes");
        }
        this.out = out;
        this.charset = charset;
        this.buffer = new byte[Math.max(bufferSize, 64)];
    }

    /** Whether {@code charset} encodes each ASCII character as its one byte (UTF-8, Latin-1, ASCII do). */
    static boolean asciiCompatible(Charset charset) {
        byte[] ascii = new byte[128];
        for (int c = 0; c < ascii.length; c++) {
            ascii[c] = (byte) c;
        }
        return charset.canEncode()
                && java.util.Arrays.equals(new String(ascii, StandardCharsets.US_ASCII).getBytes(charset), ascii);
    }

    void beginObject() throws IOException {
        beforeValue();
        put((byte) '{');
        open();
    }

    void endObject() throws IOException {
        close();
        put((byte) '}');
    }

    void beginArray() throws IOException {
        beforeValue();
        put((byte) '[');
        open();
    }

    void endArray() throws IOException {
        close();
        put((byte) ']');
    }

    /** A field name known in advance, quoted and escaped once: {@code "name":}. */
    static final class Name {
        private final byte[] text;

        private Name(byte[] text) {
            this.text = text;
        }
    }

    /** Prepares a constant field name (ASCII: its bytes are the same in every charset) for {@link #name(Name)}. */
    static Name prepare(String name) {
        if (!StandardCharsets.US_ASCII.newEncoder().canEncode(name)) {
            throw new IllegalArgumentException("not an ASCII name: " + name);
        }
        ByteArrayOutputStream quoted = new ByteArrayOutputStream();
        try {
            JsonWriter writer = new JsonWriter(quoted, StandardCharsets.US_ASCII, 64);
            writer.quoted(name);
            writer.put((byte) ':');
            writer.flush();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e); // a ByteArrayOutputStream does not fail
        }
        return new Name(quoted.toByteArray());
    }

    /** A field's name; its value comes next. */
    void name(String name) throws IOException {
        if (separate()) {
            put((byte) ',');
        }
        quoted(name);
        put((byte) ':');
        afterName = true;
    }

    /** {@link #name(String)} of a prepared name: copied, not escaped again. */
    void name(Name name) throws IOException {
        if (separate()) {
            put((byte) ',');
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
            put(Long.toString(number).getBytes(StandardCharsets.US_ASCII));
            return;
        }
        if (number < 0) {
            put((byte) '-');
            number = -number;
        }
        digits(number);
    }

    void value(boolean flag) throws IOException {
        beforeValue();
        put(flag ? TRUE : FALSE);
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
    byte[] since(long mark) {
        return (int) (mark >>> 32) != drains ? null : java.util.Arrays.copyOfRange(buffer, (int) mark, length);
    }

    /**
     * Ends the object open now with {@code text} kept by {@link #since}: text that was written after an
     * entry of such an object up to and with its closing brace (its own entries after that one).
     */
    void endObjectWith(byte[] text) throws IOException {
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
            put((byte) ',');
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
        put(NULL);
    }

    private void digits(long number) throws IOException {
        if (buffer.length - length < 20) {
            drain();
        }
        if (number < 10) {
            buffer[length++] = (byte) ('0' + number);
            return;
        }
        int count = 1;
        for (long rest = number / 10; rest > 0; rest /= 10) {
            count++;
        }
        int at = length + count;
        while (number > 0) {
            buffer[--at] = (byte) ('0' + (int) (number % 10));
            number /= 10;
        }
        length += count;
    }

    /** {@code text} in quotes, escaped. */
    private void quoted(String text) throws IOException {
        put((byte) '"');
        int n = text.length();
        int from = 0;
        while (from < n) {
            // Runs without anything to escape are copied whole.
            int end = from;
            char c = 0;
            boolean ascii = true;
            for (; end < n; end++) {
                c = text.charAt(end);
                if (c >= 128) {
                    ascii = false;
                } else if (ESCAPES[c] != 0) {
                    break;
                }
            }
            if (ascii) {
                putAscii(text, from, end);
            } else {
                // Encoded whole, so that a surrogate pair stays together.
                put(text.substring(from, end).getBytes(charset));
            }
            if (end == n) {
                break;
            }
            escape(c);
            from = end + 1;
        }
        put((byte) '"');
    }

    private void escape(char c) throws IOException {
        if (buffer.length - length < 6) {
            drain();
        }
        char kind = ESCAPES[c];
        buffer[length++] = '\\';
        if (kind != 'u') {
            buffer[length++] = (byte) kind;
            return;
        }
        buffer[length++] = 'u';
        buffer[length++] = '0';
        buffer[length++] = '0';
        buffer[length++] = HEX[c >> 4];
        buffer[length++] = HEX[c & 0xF];
    }

    private void put(byte c) throws IOException {
        if (length == buffer.length) {
            drain();
        }
        buffer[length++] = c;
    }

    private void put(byte[] text) throws IOException {
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

    /** Characters below 128 (so one byte each). */
    @SuppressWarnings("deprecation") // String.getBytes(int, int, byte[], int) is meant for ASCII: a copy for Latin-1 strings
    private void putAscii(String text, int from, int to) throws IOException {
        while (from < to) {
            if (length == buffer.length) {
                drain();
            }
            int n = Math.min(to - from, buffer.length - length);
            text.getBytes(from, from + n, buffer, length);
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
