package io.pmtuwatch.stream.cli;

import io.pmtuwatch.settings.Durations;
import picocli.CommandLine;

/** Command-line durations as the configuration writes them: 500ms, 60s, 10m, 1h, 2d (the shared parser); a bare 0 too. */
final class DurationConverter implements CommandLine.ITypeConverter<java.time.Duration> {

    @Override
    public java.time.Duration convert(String value) {
        try {
            return value.trim().equals("0") ? java.time.Duration.ZERO : Durations.parse("a duration option", value);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
    }
}
