package io.pmtuwatch.probe.agent;

import java.util.List;

/** Agent settings that cannot be used; every problem names the setting and where its value came from. */
public final class ConfigException extends Exception {

    private final transient List<String> problems;

    public ConfigException(List<String> problems) {
        super("invalid agent configuration:\n  " + String.join("\n  ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
