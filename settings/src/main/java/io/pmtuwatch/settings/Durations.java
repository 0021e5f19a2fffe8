package io.pmtuwatch.settings;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one duration syntax of every setting, option and file: a whole number and a unit,
 * {@code 500ms}, {@code 30s}, {@code 10m}, {@code 1h}, {@code 2d}.
 *
 * <p>For one release the older forms still read, each with a deprecation warning that names the
 * setting: a bare number of seconds ({@code 60}, the agent's) and ISO-8601 ({@code PT1M}, the
 * processor's and the capture options').
 */
public final class Durations {

    private static final Pattern FORMAT = Pattern.compile("(\\d{1,12})\\s*(ms|s|m|min|h|d)?");

    private Durations() {
    }

    /**
     * @param setting what is being read, for the messages (e.g. {@code run.timeout})
     * @throws IllegalArgumentException when {@code text} is no duration
     */
    public static Duration parse(String setting, String text) {
        String value = text.trim().toLowerCase(Locale.ROOT);
        if (value.startsWith("p")) {
            Duration iso;
            try {
                iso = Duration.parse(value.toUpperCase(Locale.ROOT));
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("not a duration: '" + text + "' (write e.g. 500ms, 30s, 10m, 1h, 2d)");
            }
            Deprecations.warn(setting, "ISO-8601 duration '" + text.trim() + "'", "'" + format(iso) + "'");
            return iso;
        }
        Matcher m = FORMAT.matcher(value);
        if (!m.matches()) {
            throw new IllegalArgumentException("not a duration: '" + text + "' (write e.g. 500ms, 30s, 10m, 1h, 2d)");
        }
        long amount = Long.parseLong(m.group(1));
        if (m.group(2) == null && amount == 0) {
            return Duration.ZERO; // "0" is the same in every unit
        }
        if (m.group(2) == null) {
            Duration seconds = Duration.ofSeconds(amount);
            Deprecations.warn(setting, "duration without a unit '" + text.trim() + "'", "'" + format(seconds) + "'");
            return seconds;
        }
        return switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            case "m", "min" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            default -> Duration.ofDays(amount);
        };
    }

    /** The shortest form {@link #parse} reads back without a warning. */
    public static String format(Duration duration) {
        long ms = duration.toMillis();
        if (ms > 0 && ms % 86_400_000 == 0) {
            return ms / 86_400_000 + "d";
        }
        if (ms > 0 && ms % 3_600_000 == 0) {
            return ms / 3_600_000 + "h";
        }
        if (ms > 0 && ms % 60_000 == 0) {
            return ms / 60_000 + "m";
        }
        if (ms % 1000 == 0) {
            return ms / 1000 + "s";
        }
        return ms + "ms";
    }
}
