package io.pmtuwatch.lab;

import java.nio.charset.StandardCharsets;

/**
 * The lab server's answer to an HTTP GET: 6000 bytes of body, four full-size segments and a short
 * tail, all within a first congestion window, so a black hole on the way back shows as a hole
 * before the tail. Recognises the request's end (a blank line) across reads.
 */
final class HttpAnswer {

    static final int BODY_BYTES = 6000;
    static final byte[] RESPONSE = response();

    private final StringBuilder head = new StringBuilder();
    private boolean answered;

    /** @return true once, when the bytes so far end a GET request's header */
    boolean offer(byte[] bytes, int length) {
        if (answered || head.length() > 8192) {
            return false;
        }
        head.append(new String(bytes, 0, length, StandardCharsets.ISO_8859_1));
        if (head.length() >= 4 && !head.substring(0, 4).equals("GET ")) {
            answered = true; // not HTTP: never answer
            return false;
        }
        if (head.indexOf("\r\n\r\n") >= 0) {
            answered = true;
            return true;
        }
        return false;
    }

    private static byte[] response() {
        String body = "x".repeat(BODY_BYTES);
        return ("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: " + BODY_BYTES
                + "\r\nConnection: close\r\n\r\n" + body).getBytes(StandardCharsets.US_ASCII);
    }
}
