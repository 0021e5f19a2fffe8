package io.pmtuwatch.stream.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.filter.Filter;
import ch.qos.logback.core.spi.FilterReply;
import io.pmtuwatch.stream.metrics.ProducerRetries;

import java.util.Optional;
import java.util.Set;

/**
 * Keeps out of the log, and counts in {@link ProducerRetries}, the Kafka producer's warning for a send it
 * retries because the broker could not yet add the partition to the new transaction: with Kafka 4's
 * transactions (KIP-890, transaction version 2) the partition leader asks the transaction coordinator,
 * which answers CONCURRENT_TRANSACTIONS while the previous transaction's commit markers are still being
 * written; the leader asks again for up to {@code add.partitions.to.txn.retry.backoff.max.ms} (broker, 100 ms
 * by default) and then passes the error on. The producer sends the batch again, and the batches it already
 * had in flight for that partition come back OUT_OF_ORDER_SEQUENCE_NUMBER and are sent again behind it.
 * Nothing is lost or written twice (the sequence numbers see to it); a send that runs out of retries
 * fails the transaction and is reported as before (another log line, the production exception handler).
 * Every other producer warning, a retry for any other error included, is logged as before.
 */
public final class TransactionRaceRetryFilter extends Filter<ILoggingEvent> {

    /** Kafka's producer I/O thread, which logs each retried batch. */
    static final String SENDER_LOGGER = "org.apache.kafka.clients.producer.internals.Sender";
    private static final String RETRYING = "Got error produce response with correlation id ";
    private static final String ERROR = ", retrying (";
    private static final String ERROR_NAME = "Error: ";
    private static final Set<String> TRANSACTION_RACE = Set.of("CONCURRENT_TRANSACTIONS", "OUT_OF_ORDER_SEQUENCE_NUMBER");

    @Override
    public FilterReply decide(ILoggingEvent event) {
        if (event.getLevel() != Level.WARN || !SENDER_LOGGER.equals(event.getLoggerName())) {
            return FilterReply.NEUTRAL;
        }
        Optional<String> error = retriedError(event.getFormattedMessage()).filter(TRANSACTION_RACE::contains);
        if (error.isEmpty()) {
            return FilterReply.NEUTRAL;
        }
        ProducerRetries.record(error.get());
        return FilterReply.DENY;
    }

    /**
     * The error of a "retrying" line of Kafka's Sender ({@code ... Got error produce response with correlation id
     * N on topic-partition T, retrying (K attempts left). Error: NAME[. Error Message: ...]}), empty for any other
     * text. The clients' log context puts its prefix before it and formats the arguments in.
     */
    static Optional<String> retriedError(String message) {
        int start = message.indexOf(RETRYING);
        if (start < 0) {
            return Optional.empty();
        }
        int retrying = message.indexOf(ERROR, start);
        int name = retrying < 0 ? -1 : message.indexOf(ERROR_NAME, retrying);
        if (name < 0) {
            return Optional.empty();
        }
        int from = name + ERROR_NAME.length();
        int to = from;
        while (to < message.length() && (Character.isUpperCase(message.charAt(to)) || message.charAt(to) == '_')) {
            to++;
        }
        return to == from ? Optional.empty() : Optional.of(message.substring(from, to));
    }
}
