package io.pmtuwatch.settings;

import java.nio.file.Path;
import java.util.Map;

/**
 * The per-user base directory where every app keeps its state unless told otherwise:
 * {@code $XDG_STATE_HOME/pmtu-watch}, else {@code ~/.local/state/pmtu-watch} (XDG base directory rules).
 * One place, so that the agent, the processor and the bench agree on it.
 */
public final class StateHome {

    private StateHome() {
    }

    /** The base directory for this environment and home directory. */
    public static Path of(Map<String, String> env, Path userHome) {
        String xdg = env.get("XDG_STATE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg.trim()) : userHome.resolve(".local").resolve("state");
        return base.resolve("pmtu-watch");
    }

    /** The base directory for this environment and the JVM's {@code user.home}. */
    public static Path of(Map<String, String> env) {
        return of(env, Path.of(System.getProperty("user.home")));
    }
}
