package io.pmtuwatch.stream.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.spi.FilterReply;
import io.pmtuwatch.stream.metrics.ProducerRetries;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Which of the producer's lines the filter leaves out (counted) and which it lets through. */
class TransactionRaceRetryFilterTest {

    private static final String PREFIX = "[Producer clientId=app-StreamThread-1-producer, transactionalId=app-1] ";
    private final LoggerContext context = new LoggerContext();
    private final TransactionRaceRetryFilter filter = new TransactionRaceRetryFilter();

    @Test
    void theRaceRetriesAreLeftOutAndCountedByError() {
        Map<String, Long> before = ProducerRetries.byError();
        assertThat(filter.decide(warn(TransactionRaceRetryFilter.SENDER_LOGGER, retrying("CONCURRENT_TRANSACTIONS"))))
                .isEqualTo(FilterReply.DENY);
        assertThat(filter.decide(warn(TransactionRaceRetryFilter.SENDER_LOGGER,
                retrying("OUT_OF_ORDER_SEQUENCE_NUMBER. Error Message: The broker received an out of order sequence number."))))
                .isEqualTo(FilterReply.DENY);
        Map<String, Long> after = ProducerRetries.byError();
        assertThat(after.get("CONCURRENT_TRANSACTIONS") - before.getOrDefault("CONCURRENT_TRANSACTIONS", 0L)).isEqualTo(1);
        assertThat(after.get("OUT_OF_ORDER_SEQUENCE_NUMBER") - before.getOrDefault("OUT_OF_ORDER_SEQUENCE_NUMBER", 0L)).isEqualTo(1);
    }

    @Test
    void everyOtherLineIsLetThrough() {
        // A retry for another error, the same error not being retried, another logger, another level.
        assertThat(filter.decide(warn(TransactionRaceRetryFilter.SENDER_LOGGER, retrying("NOT_LEADER_OR_FOLLOWER"))))
                .isEqualTo(FilterReply.NEUTRAL);
        assertThat(filter.decide(warn(TransactionRaceRetryFilter.SENDER_LOGGER, PREFIX
                + "Got error produce response in correlation id 7 on topic-partition t-0, splitting and retrying"
                + " (2147483646 attempts left). Error: MESSAGE_TOO_LARGE"))).isEqualTo(FilterReply.NEUTRAL);
        assertThat(filter.decide(warn("org.apache.kafka.clients.producer.internals.TransactionManager",
                retrying("CONCURRENT_TRANSACTIONS")))).isEqualTo(FilterReply.NEUTRAL);
        assertThat(filter.decide(event(TransactionRaceRetryFilter.SENDER_LOGGER, Level.ERROR, retrying("CONCURRENT_TRANSACTIONS"))))
                .isEqualTo(FilterReply.NEUTRAL);
    }

    @Test
    void theErrorIsReadFromTheSendersRetryLineOnly() {
        assertThat(TransactionRaceRetryFilter.retriedError(retrying("CONCURRENT_TRANSACTIONS"))).contains("CONCURRENT_TRANSACTIONS");
        assertThat(TransactionRaceRetryFilter.retriedError(retrying("UNKNOWN_PRODUCER_ID. Error Message: x"))).contains("UNKNOWN_PRODUCER_ID");
        assertThat(TransactionRaceRetryFilter.retriedError("Error: CONCURRENT_TRANSACTIONS")).isEmpty();
        assertThat(TransactionRaceRetryFilter.retriedError(retrying(""))).isEmpty();
    }

    private static String retrying(String error) {
        return PREFIX + "Got error produce response with correlation id 4242 on topic-partition pmtu.diagnoses-3, retrying"
                + " (2147483646 attempts left). Error: " + error;
    }

    private LoggingEvent warn(String logger, String message) {
        return event(logger, Level.WARN, message);
    }

    private LoggingEvent event(String logger, Level level, String message) {
        return new LoggingEvent("x", context.getLogger(logger), level, message, null, null);
    }
}
