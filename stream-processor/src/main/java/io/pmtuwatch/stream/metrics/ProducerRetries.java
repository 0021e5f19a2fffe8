package io.pmtuwatch.stream.metrics;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Sends the Kafka producer retried, by the broker's error, that the log does not show line by line
 * (see {@code TransactionRaceRetryFilter}): the count is how they stay visible, in /metrics and in the
 * instance's once-a-minute summary. One per JVM, because the log filter that counts is made by the logging
 * framework, not by an instance; a JVM runs one processor instance (tests and the bench may run more, and
 * then read the sum).
 */
public final class ProducerRetries {

    private static final Map<String, LongAdder> BY_ERROR = new ConcurrentHashMap<>();

    private ProducerRetries() {
    }

    /** One produce response with {@code error} whose batch the producer sends again. */
    public static void record(String error) {
        BY_ERROR.computeIfAbsent(error, e -> new LongAdder()).increment();
    }

    /** Retries so far, by error, in name order. */
    public static Map<String, Long> byError() {
        Map<String, Long> out = new TreeMap<>();
        BY_ERROR.forEach((error, adder) -> out.put(error, adder.sum()));
        return out;
    }
}
