package io.pmtuwatch.stream.sink;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Where Elasticsearch is and how to authenticate, validated up front so that a typo fails at start
 * with a sentence naming the setting, not minutes later as a connection error.
 *
 * @param urls     one or more base URLs ({@code http(s)://host:port}); requests spread over them
 * @param apiKey   encoded API key (the {@code encoded} value Elasticsearch returns), or null
 * @param username basic-auth user, or null
 * @param password basic-auth password, or null
 * @param caFile   PEM file with the CA certificate(s) to trust for https, or null for the JVM's trust store
 */
public record ElasticsearchSettings(List<URI> urls, String apiKey, String username, String password, Path caFile) {

    /** Parses and validates; every problem found is listed in one exception. */
    public static ElasticsearchSettings of(String urls, String apiKey, String username, String password,
                                           String caFile) {
        List<String> problems = new ArrayList<>();
        List<URI> parsed = parseUrls(urls, problems);
        String key = blankToNull(apiKey);
        String user = blankToNull(username);
        String pass = password == null || password.isEmpty() ? null : password;
        if (key != null && (user != null || pass != null)) {
            problems.add("give either an API key or a username/password, not both");
        }
        if (user != null && pass == null) {
            problems.add("username '" + user + "' given without a password");
        }
        if (user == null && pass != null) {
            problems.add("password given without a username");
        }
        Path ca = blankToNull(caFile) == null ? null : Path.of(caFile.trim());
        if (ca != null) {
            if (!Files.isRegularFile(ca) || !Files.isReadable(ca)) {
                problems.add("CA file " + ca + " does not exist or is not readable");
            }
            if (parsed.stream().noneMatch(u -> u.getScheme().equals("https"))) {
                problems.add("a CA file is only used with https:// URLs, but none is https");
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("Elasticsearch settings are invalid: " + String.join("; ", problems));
        }
        return new ElasticsearchSettings(List.copyOf(parsed), key, user, pass, ca);
    }

    public static ElasticsearchSettings of(String url) {
        return of(url, null, null, null, null);
    }

    /** True when credentials would travel in clear text (worth a warning, not an error: labs use it). */
    public boolean sendsCredentialsInClear() {
        return (apiKey != null || username != null) && urls.stream().anyMatch(u -> u.getScheme().equals("http"));
    }

    private static List<URI> parseUrls(String urls, List<String> problems) {
        List<URI> out = new ArrayList<>();
        if (urls == null || urls.isBlank()) {
            problems.add("no Elasticsearch URL given (e.g. http://localhost:9200)");
            return out;
        }
        for (String raw : urls.split(",")) {
            String text = raw.trim();
            if (text.isEmpty()) {
                continue;
            }
            try {
                URI uri = new URI(text);
                String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
                if (scheme == null || !(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
                    problems.add("'" + text + "' is not an http(s)://host[:port] URL");
                    continue;
                }
                if (uri.getPath() != null && !uri.getPath().isEmpty() && !uri.getPath().equals("/")) {
                    problems.add("'" + text + "' has a path; path prefixes are not supported");
                    continue;
                }
                int port = uri.getPort() < 0 ? 9200 : uri.getPort();
                out.add(new URI(scheme, null, uri.getHost(), port, null, null, null));
            } catch (URISyntaxException e) {
                problems.add("'" + text + "' is not a URL: " + e.getReason());
            }
        }
        if (out.isEmpty() && problems.isEmpty()) {
            problems.add("no Elasticsearch URL given (e.g. http://localhost:9200)");
        }
        return out;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    @Override
    public String toString() {
        // Never print secrets.
        return "ElasticsearchSettings[urls=" + urls + ", auth=" + (apiKey != null ? "api-key"
                : username != null ? "basic(" + username + ")" : "none") + ", caFile=" + caFile + "]";
    }
}
