package io.pmtuwatch.probe.returnpath;

import io.pmtuwatch.schemas.ReturnPathRequest;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What the return-path test sends to make the target answer with several segments: an HTTP GET on
 * plain-HTTP ports, a TLS ClientHello on TLS ports (its answer, the certificate chain, spans several
 * segments). {@link #AUTO} picks by well-known port; other ports are not tested unless the target
 * names a request, because an HTTP GET to an unknown service proves nothing and may upset it.
 */
public enum ReturnRequest {
    AUTO, HTTP, TLS, OFF;

    static final Set<Integer> TLS_PORTS = Set.of(443, 465, 563, 636, 853, 989, 990, 992, 993, 994, 995, 5061, 6697,
            8443, 9443);
    static final Set<Integer> HTTP_PORTS = Set.of(80, 591, 3128, 8000, 8008, 8080, 8081, 8088, 8888);

    /** Parses the targets-file / command-line word: auto, http, tls or off. */
    public static ReturnRequest parse(String word) {
        try {
            return valueOf(word.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("return path must be auto, http, tls or off, not '" + word + "'");
        }
    }

    /** The request to send to {@code port}; empty when the test should not run there. */
    public Optional<ReturnPathRequest> forPort(int port) {
        return switch (this) {
            case HTTP -> Optional.of(ReturnPathRequest.HTTP_GET);
            case TLS -> Optional.of(ReturnPathRequest.TLS_CLIENT_HELLO);
            case OFF -> Optional.empty();
            case AUTO -> TLS_PORTS.contains(port) ? Optional.of(ReturnPathRequest.TLS_CLIENT_HELLO)
                    : HTTP_PORTS.contains(port) ? Optional.of(ReturnPathRequest.HTTP_GET) : Optional.empty();
        };
    }

    /** The bytes that ask {@code host} for an answer of several segments. */
    static byte[] bytes(ReturnPathRequest request, String host, String httpPath) {
        if (request == ReturnPathRequest.TLS_CLIENT_HELLO) {
            return ClientHello.build(host);
        }
        String hostHeader = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
        return ("GET " + httpPath + " HTTP/1.1\r\nHost: " + hostHeader + "\r\nUser-Agent: pmtu-watch return-path test"
                + "\r\nAccept: */*\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    }
}
