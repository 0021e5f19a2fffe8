package io.pmtuwatch.stream.cli;

import io.pmtuwatch.stream.config.Durations;
import picocli.CommandLine;

/** Command-line durations as the configuration writes them: 500ms, 60s, 10m, 1h, 2d or ISO-8601; a bare 0 too. */
final class DurationConverter implements CommandLine.ITypeConverter<java.time.Duration> {

    @Override
    public java.time.Duration convert(String value) {
        try {
            return value.trim().equals("0") ? java.time.Duration.ZERO : Durations.parse(value);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
    }
}
