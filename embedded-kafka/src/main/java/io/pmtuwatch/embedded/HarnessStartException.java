package io.pmtuwatch.embedded;

/**
 * A real component (Kafka broker, Elasticsearch) could not be started for the tests.
 *
 * <p>Thrown to the test that asked for the component, so it fails with the reason and what to do
 * about it; never turned into a skip, because a skipped integration test looks like a green one.
 */
public class HarnessStartException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public HarnessStartException(String message) {
        super(message);
    }

    public HarnessStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
