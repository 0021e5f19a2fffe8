package io.pmtuwatch.probe.kafka;

import org.apache.kafka.common.errors.InvalidTimestampException;
import org.apache.kafka.common.errors.TimeoutException;

/** One sentence on why records were not delivered, with what to check. Pure. */
public final class DeliveryFailures {

    private DeliveryFailures() {
    }

    public static String explain(Throwable error) {
        Throwable cause = error;
        while (cause.getCause() != null && !(cause instanceof InvalidTimestampException)
                && !(cause instanceof TimeoutException)) {
            cause = cause.getCause();
        }
        if (cause instanceof InvalidTimestampException) {
            return "the broker refused the records' timestamps: this machine's clock is off (check NTP): " + cause.getMessage();
        }
        if (cause instanceof TimeoutException) {
            return "Kafka did not answer within the delivery timeout (--delivery-timeout); check that the brokers in "
                    + "--bootstrap-servers are up and reachable from here: " + cause.getMessage();
        }
        return String.valueOf(cause.getMessage() == null ? cause : cause.getMessage());
    }
}
