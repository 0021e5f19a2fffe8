package io.pmtuwatch.stream.topology.internals;

/**
 * Thrown by the validating processor so that Kafka Streams' processing exception handler routes the
 * record, with its original bytes, to the dead-letter topic: the built-in path for bad records,
 * inside the same transaction as everything else.
 */
public final class InvalidObservationException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient Violation violation;

    public InvalidObservationException(Violation violation) {
        super(violation.reason() + ": " + violation.detail(), null, false, false); // no stack trace: not a bug
        this.violation = violation;
    }

    public Violation violation() {
        return violation;
    }
}
