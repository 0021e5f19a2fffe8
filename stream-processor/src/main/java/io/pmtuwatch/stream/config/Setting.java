package io.pmtuwatch.stream.config;

import io.pmtuwatch.settings.Durations;
import io.pmtuwatch.settings.EnvNames;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;

/**
 * One configuration key: its name, default, how its text is read and checked, and what it means.
 * The environment variable that overrides it is derived from the key by the one rule of every app
 * ({@link EnvNames}: {@code run.timeout} -> {@code PMTU_RUN_TIMEOUT}), so there is one spelling to document.
 */
public final class Setting<T> {

    private final String key;
    private final String defaultValue;
    private final Function<String, T> parser;
    private final String doc;

    private Setting(String key, String defaultValue, Function<String, T> parser, String doc) {
        this.key = Objects.requireNonNull(key);
        this.defaultValue = defaultValue;
        this.parser = parser;
        this.doc = doc;
    }

    public static Setting<String> text(String key, String defaultValue, String doc) {
        return new Setting<>(key, defaultValue, value -> {
            if (value.isBlank()) {
                throw new IllegalArgumentException("must not be empty");
            }
            return value.trim();
        }, doc);
    }

    /** Text that may be empty (empty means "not set"). */
    public static Setting<String> optionalText(String key, String doc) {
        return new Setting<>(key, "", String::trim, doc);
    }

    public static Setting<Integer> integer(String key, int defaultValue, int min, int max, String doc) {
        return new Setting<>(key, Integer.toString(defaultValue), value -> {
            int parsed;
            try {
                parsed = Integer.parseInt(value.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("not an integer: '" + value + "'");
            }
            if (parsed < min || parsed > max) {
                throw new IllegalArgumentException(parsed + " is outside [" + min + ", " + max + "]");
            }
            return parsed;
        }, doc);
    }

    public static Setting<Duration> duration(String key, Duration defaultValue, String doc) {
        return new Setting<>(key, Durations.format(defaultValue), value -> {
            Duration parsed = Durations.parse(key, value);
            if (parsed.isNegative() || parsed.isZero()) {
                throw new IllegalArgumentException("must be positive, was " + value.trim());
            }
            return parsed;
        }, doc);
    }

    /** A duration where 0 means "without limit" (any unit, or a bare 0). */
    public static Setting<Duration> durationOrZero(String key, Duration defaultValue, String doc) {
        return new Setting<>(key, Durations.format(defaultValue), value -> {
            Duration parsed = value.trim().equals("0") ? Duration.ZERO : Durations.parse(key, value);
            if (parsed.isNegative()) {
                throw new IllegalArgumentException("must not be negative, was " + value.trim());
            }
            return parsed;
        }, doc);
    }

    public static Setting<Boolean> bool(String key, boolean defaultValue, String doc) {
        return new Setting<>(key, Boolean.toString(defaultValue), value -> switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on" -> true;
            case "false", "no", "off" -> false;
            default -> throw new IllegalArgumentException("not a boolean: '" + value + "' (true or false)");
        }, doc);
    }

    public static <E extends Enum<E>> Setting<E> choice(String key, E defaultValue, Class<E> type, String doc) {
        return new Setting<>(key, defaultValue.name(), value -> {
            try {
                return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("'" + value.trim() + "' is not one of "
                        + java.util.Arrays.toString(type.getEnumConstants()));
            }
        }, doc);
    }

    public String key() {
        return key;
    }

    public String defaultValue() {
        return defaultValue;
    }

    public String doc() {
        return doc;
    }

    public String envVar() {
        return EnvNames.of(key);
    }

    T parse(String text) {
        return parser.apply(text);
    }

    @Override
    public String toString() {
        return key;
    }
}
