package io.pmtuwatch.stream.config;

import io.pmtuwatch.settings.EnvNames;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the configuration: defaults, then a file, then environment variables ({@code PMTU_*}).
 *
 * <p>The file is flat {@code key = value} lines; {@code key: value} is accepted too, so a flat YAML
 * file reads the same. {@code #} starts a comment line. Unknown keys, repeated keys and values that
 * do not parse are errors that name the file and line: a typo must not silently fall back to a
 * default.
 */
public final class ConfigLoader {

    private ConfigLoader() {
    }

    public static ProcessorConfig load(Optional<Path> file, Map<String, String> environment) {
        RawConfig raw = RawConfig.empty();
        file.ifPresent(path -> readFile(path, raw));
        for (Setting<?> setting : Settings.ALL) {
            // The one name (PMTU_ + key); a previous release's name (KAFKA_BOOTSTRAP_SERVERS) still reads, with a warning.
            String value = environment.containsKey(setting.envVar()) ? environment.get(setting.envVar())
                    : EnvNames.lookup(environment, setting.key());
            if (value != null) {
                String name = environment.containsKey(setting.envVar()) ? setting.envVar() : EnvNames.legacy(setting.key());
                raw.with(setting.key(), value, "environment variable " + name);
            }
        }
        return ProcessorConfig.from(raw, environment);
    }

    static void readFile(Path path, RawConfig raw) {
        List<String> lines;
        try {
            lines = Files.readAllLines(path, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigException("cannot read configuration file " + path + ": " + e.getMessage());
        }
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            String where = path.getFileName() + ":" + (i + 1);
            if (line.isEmpty() || line.startsWith("#") || line.equals("---")) {
                continue;
            }
            int separator = separatorIndex(line);
            if (separator <= 0) {
                throw new ConfigException(where + ": expected 'key = value', got '" + line + "'");
            }
            String key = line.substring(0, separator).strip();
            String value = unquote(line.substring(separator + 1).strip());
            if (Settings.byKey(key) == null && !key.startsWith(Settings.STREAMS_PASSTHROUGH_PREFIX)) {
                throw new ConfigException(where + ": unknown key '" + key + "'" + suggestion(key));
            }
            Integer earlier = seen.putIfAbsent(key, i + 1);
            if (earlier != null) {
                throw new ConfigException(where + ": key '" + key + "' already set on line " + earlier);
            }
            raw.with(key, value, where);
        }
    }

    // '=' wins over ':' so that values such as "host:9092" after '=' survive.
    private static int separatorIndex(String line) {
        int equals = line.indexOf('=');
        int colon = line.indexOf(':');
        if (equals >= 0 && (colon < 0 || equals < colon)) {
            return equals;
        }
        return colon;
    }

    private static String unquote(String value) {
        if (value.length() >= 2 && (value.startsWith("\"") && value.endsWith("\"")
                || value.startsWith("'") && value.endsWith("'"))) {
            return value.substring(1, value.length() - 1);
        }
        return value;
    }

    private static String suggestion(String key) {
        Setting<?> best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (Setting<?> setting : Settings.ALL) {
            int distance = editDistance(key, setting.key());
            if (distance < bestDistance) {
                bestDistance = distance;
                best = setting;
            }
        }
        return best != null && bestDistance <= 3 ? " (did you mean '" + best.key() + "'?)" : "";
    }

    private static int editDistance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
