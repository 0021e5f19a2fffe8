package io.pmtuwatch.stream.view;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The path view's static files (classpath {@code /view/}), read once at start. A fixed list rather
 * than a directory lookup: a request can only ever name one of these files, so no path in a URL
 * reaches the class path or the file system.
 */
public final class ViewAssets {

    /** One file: its bytes and the Content-Type it is served with. */
    public record Asset(byte[] bytes, String contentType) {
    }

    static final List<String> FILES = List.of("index.html", "style.css", "js/main.js", "js/api.js", "js/dom.js",
            "js/format.js", "js/filters.js", "js/path-list.js", "js/path-diagram.js", "js/path-detail.js",
            "js/summary.js", "js/cards.js", "js/ecmp-members.js", "js/return-path.js");

    private final Map<String, Asset> assets;

    private ViewAssets(Map<String, Asset> assets) {
        this.assets = assets;
    }

    /** Loads every file; a missing one is a packaging bug and fails the start, not the first request. */
    public static ViewAssets load() {
        Map<String, Asset> assets = new LinkedHashMap<>();
        for (String file : FILES) {
            try (InputStream in = ViewAssets.class.getResourceAsStream("/view/" + file)) {
                if (in == null) {
                    throw new IllegalStateException("path view file /view/" + file + " is missing from the jar");
                }
                assets.put(file, new Asset(in.readAllBytes(), contentType(file)));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read /view/" + file, e);
            }
        }
        return new ViewAssets(Map.copyOf(assets));
    }

    /** The file for a path below /view/ ("" is the page itself). */
    public Optional<Asset> find(String relativePath) {
        return Optional.ofNullable(assets.get(relativePath.isEmpty() ? "index.html" : relativePath));
    }

    private static String contentType(String file) {
        if (file.endsWith(".html")) {
            return "text/html; charset=utf-8";
        }
        if (file.endsWith(".css")) {
            return "text/css; charset=utf-8";
        }
        if (file.endsWith(".js")) {
            return "text/javascript; charset=utf-8"; // module scripts need a JavaScript MIME type
        }
        return "application/octet-stream";
    }
}
