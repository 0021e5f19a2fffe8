package io.pmtuwatch.stream.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Configuration text as written, each value with where it came from ("pmtu.conf:12", "environment
 * variable PMTU_RUN_TIMEOUT"), before it is typed. {@link #get} types a value and names the key and
 * its origin when it cannot be used.
 */
public final class RawConfig {

    /** A value and its origin. */
    public record Entry(String text, String origin) {
    }

    private final Map<String, Entry> entries = new LinkedHashMap<>();
    private final Map<String, Entry> passthrough = new LinkedHashMap<>();

    public static RawConfig empty() {
        return new RawConfig();
    }

    /** Sets a known key or a {@code streams.*} pass-through key; unknown keys are the loader's business. */
    public RawConfig with(String key, String text, String origin) {
        if (key.startsWith(Settings.STREAMS_PASSTHROUGH_PREFIX)) {
            passthrough.put(key.substring(Settings.STREAMS_PASSTHROUGH_PREFIX.length()), new Entry(text, origin));
        } else {
            entries.put(key, new Entry(text, origin));
        }
        return this;
    }

    public RawConfig with(Setting<?> setting, String text) {
        return with(setting.key(), text, "code");
    }

    public <T> T get(Setting<T> setting) {
        Entry entry = entries.get(setting.key());
        String text = entry == null ? setting.defaultValue() : entry.text();
        String origin = entry == null ? "default" : entry.origin();
        try {
            return setting.parse(text);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(origin + ": " + setting.key() + ": " + e.getMessage());
        }
    }

    public String origin(Setting<?> setting) {
        Entry entry = entries.get(setting.key());
        return entry == null ? "default" : entry.origin();
    }

    /** Kafka Streams settings given with the {@code streams.} prefix, prefix removed. */
    public Map<String, String> streamsOverrides() {
        Map<String, String> out = new LinkedHashMap<>();
        passthrough.forEach((key, entry) -> out.put(key, entry.text()));
        return Collections.unmodifiableMap(out);
    }
}
