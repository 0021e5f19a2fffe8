package io.pmtuwatch.stream.config;

/**
 * A configuration value that cannot be used. The message names the key and where the value came
 * from (file and line, or environment variable), so an operator can fix it without guessing.
 */
public final class ConfigException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
        super(message);
    }
}
