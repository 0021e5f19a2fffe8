package io.pmtuwatch.schemas.client;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How every pmtu-watch command waits for a dependency (Kafka, Elasticsearch) at start: try, and
 * while it fails, one line per retry period naming the address, the error and what to check; a line
 * when it answers after all; after {@code giveUpAfter} (zero: never) a {@link DependencyUnavailableException}
 * whose message the command prints instead of a stack trace.
 */
public final class DependencyWait {

    private static final Logger LOG = LoggerFactory.getLogger(DependencyWait.class);

    /** Attempts a connection; throws with the reason when the dependency does not answer. */
    @FunctionalInterface
    public interface Check {
        void attempt() throws Exception;
    }

    /**
     * @param retryEvery  pause between attempts, and the period of the log lines
     * @param giveUpAfter total wait before giving up; {@link Duration#ZERO} waits forever
     */
    public record Policy(Duration retryEvery, Duration giveUpAfter) {

        public static final Policy DEFAULT = new Policy(Duration.ofSeconds(10), Duration.ofMinutes(5));

        public boolean forever() {
            return giveUpAfter.isZero();
        }
    }

    /** The dependency did not answer within the policy's time; the message says what to check. */
    public static final class DependencyUnavailableException extends Exception {
        public DependencyUnavailableException(String message) {
            super(message);
        }
    }

    private DependencyWait() {
    }

    /**
     * @param what    e.g. "Kafka", "Elasticsearch"
     * @param address where it was looked for, as configured
     * @param advice  what to check, e.g. "check that the brokers are up and --bootstrap-servers is right"
     */
    public static void await(String what, String address, String advice, Policy policy, Check check)
            throws DependencyUnavailableException, InterruptedException {
        long start = System.nanoTime();
        int attempts = 0;
        while (true) {
            attempts++;
            String error;
            try {
                check.attempt();
                if (attempts > 1) {
                    LOG.warn("{} at {} answers now, after {} s", what, address, elapsedSeconds(start));
                }
                return;
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception e) {
                error = describe(e);
            }
            long elapsed = System.nanoTime() - start;
            // The last wait is cut to what is left, with one last attempt at the limit: giving up once the
            // next period would overrun it meant giving up after a third of a 15 s limit, saying "within 15 s".
            long remaining = policy.giveUpAfter().toNanos() - elapsed;
            if (!policy.forever() && remaining <= 0) {
                throw new DependencyUnavailableException(what + " at " + address + " did not answer within "
                        + seconds(policy.giveUpAfter()) + " (" + attempts + " attempts; last: " + error + "); " + advice);
            }
            LOG.warn("{} at {} does not answer ({}); {}. Retrying every {}{}", what, address, error, advice,
                    seconds(policy.retryEvery()), policy.forever() ? ", without limit"
                            : ", giving up " + seconds(policy.giveUpAfter().minusNanos(elapsed)) + " from now");
            // Rounded up to the millisecond: never short of the limit.
            Thread.sleep(policy.forever() ? policy.retryEvery().toMillis()
                    : (Math.min(policy.retryEvery().toNanos(), remaining) + 999_999) / 1_000_000);
        }
    }

    /** The innermost message: "Connection refused", not three wrappers around it. */
    static String describe(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return root.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    private static long elapsedSeconds(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos).toSeconds();
    }

    private static String seconds(Duration d) {
        return d.toSeconds() >= 120 ? d.toMinutes() + " min" : Math.max(0, d.toSeconds()) + " s";
    }
}
