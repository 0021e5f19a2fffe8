package io.pmtuwatch.stream.config;

import io.pmtuwatch.settings.StateHome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where the processor keeps its state stores when {@code state.dir} is not set: a per-user state
 * directory ({@code $XDG_STATE_HOME/pmtu-watch/streams}, else {@code ~/.local/state/pmtu-watch/streams}),
 * the same base the agent uses for its own state. Not /tmp: tmp cleaners delete the stores'
 * checkpoint files, and Kafka Streams warns about it at every start.
 */
public final class StateDirectories {

    private StateDirectories() {
    }

    /** {@code configured} if set, else the per-user default. */
    public static Path resolve(String configured, Map<String, String> env, Path userHome) {
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured.trim());
        }
        return StateHome.of(env, userHome).resolve("streams");
    }

    /**
     * Creates the directory if missing and checks that it can be written, so that a bad path is one
     * sentence at start-up rather than a stream thread failing later.
     *
     * @throws IllegalStateException naming the directory and the reason
     */
    public static void prepare(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new IllegalStateException("cannot create the state directory " + dir + " (state.dir): " + e, e);
        }
        if (!Files.isWritable(dir)) {
            throw new IllegalStateException("the state directory " + dir + " (state.dir) is not writable");
        }
    }
}
