package io.pmtuwatch.stream.sink.kibana;

import java.io.IOException;
import java.io.InputStream;

/** The saved objects shipped in the jar (copied from /dashboards by the build). */
public final class SavedObjectsBundle {

    public static final String FILE_NAME = "pmtu-watch.ndjson";
    public static final String RESOURCE = "/kibana/" + FILE_NAME;

    private SavedObjectsBundle() {
    }

    public static byte[] load() throws IOException {
        try (InputStream in = SavedObjectsBundle.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IOException("missing resource " + RESOURCE + " (a broken build?)");
            }
            return in.readAllBytes();
        }
    }

    public static long objectCount(byte[] ndjson) {
        return new String(ndjson, java.nio.charset.StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).count();
    }
}
