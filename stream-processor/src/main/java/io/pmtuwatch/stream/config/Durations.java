package io.pmtuwatch.stream.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/** Reads durations as operators write them: {@code 500ms}, {@code 60s}, {@code 10m}, {@code 1h}, {@code 2d}, or ISO-8601 ({@code PT1M}). */
public final class Durations {

    private Durations() {
    }

    public static Duration parse(String text) {
        String value = text.trim().toLowerCase(Locale.ROOT);
        if (value.startsWith("p")) {
            try {
                return Duration.parse(value.toUpperCase(Locale.ROOT));
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("not an ISO-8601 duration: '" + text + "'");
            }
        }
        int unitStart = 0;
        while (unitStart < value.length() && Character.isDigit(value.charAt(unitStart))) {
            unitStart++;
        }
        if (unitStart == 0) {
            throw new IllegalArgumentException("not a duration: '" + text + "' (write e.g. 500ms, 60s, 10m, 1h, 2d)");
        }
        long amount = Long.parseLong(value.substring(0, unitStart));
        return switch (value.substring(unitStart).trim()) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            case "m", "min" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            case "d" -> Duration.ofDays(amount);
            case "" -> throw new IllegalArgumentException("duration '" + text + "' lacks a unit (ms, s, m, h, d)");
            default -> throw new IllegalArgumentException("unknown unit in duration '" + text + "' (use ms, s, m, h, d)");
        };
    }

    /** The shortest of the forms {@link #parse} reads back. */
    public static String format(Duration duration) {
        long ms = duration.toMillis();
        if (ms % 86_400_000 == 0 && ms > 0) {
            return ms / 86_400_000 + "d";
        }
        if (ms % 3_600_000 == 0 && ms > 0) {
            return ms / 3_600_000 + "h";
        }
        if (ms % 60_000 == 0 && ms > 0) {
            return ms / 60_000 + "m";
        }
        if (ms % 1000 == 0) {
            return ms / 1000 + "s";
        }
        return ms + "ms";
    }
}
