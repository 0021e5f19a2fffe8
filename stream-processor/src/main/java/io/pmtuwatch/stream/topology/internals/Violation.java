package io.pmtuwatch.stream.topology.internals;

import io.pmtuwatch.stream.deadletter.DeadLetterReason;

/** Why an observation was rejected: a reason code and a sentence with the offending value. */
public record Violation(DeadLetterReason reason, String detail) {
}
