package io.pmtuwatch.schemas.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ConnectException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class DependencyWaitTest {

    private static final DependencyWait.Policy FAST = new DependencyWait.Policy(Duration.ofMillis(50), Duration.ofSeconds(2));

    @Test
    void returnsOnceTheDependencyAnswers() throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        DependencyWait.await("Thing", "thing:1", "check it", FAST, () -> {
            if (attempts.incrementAndGet() < 3) {
                throw new RuntimeException("down", new ConnectException("Connection refused"));
            }
        });
        assertThat(attempts).hasValue(3);
    }

    @Test
    void givesUpWithTheAddressTheLastErrorAndTheAdvice() {
        assertThatThrownBy(() -> DependencyWait.await("Thing", "thing:1", "check that it runs",
                new DependencyWait.Policy(Duration.ofMillis(50), Duration.ofMillis(300)),
                () -> {
                    throw new RuntimeException("wrapped", new ConnectException("Connection refused"));
                }))
                .isInstanceOf(DependencyWait.DependencyUnavailableException.class)
                .hasMessageContaining("Thing at thing:1 did not answer")
                .hasMessageContaining("ConnectException: Connection refused")
                .hasMessageContaining("check that it runs");
    }

    @Test
    void aKafkaAddressWhereNothingListensIsReportedNotHung() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        String address = "127.0.0.1:" + port;
        assertThatThrownBy(() -> DependencyWait.await("Kafka", address, KafkaReachability.ADVICE,
                new DependencyWait.Policy(Duration.ofMillis(100), Duration.ofSeconds(1)),
                KafkaReachability.check(address, Map.of())))
                .isInstanceOf(DependencyWait.DependencyUnavailableException.class)
                .hasMessageContaining("Kafka at " + address);
    }

    @Test
    void waitsTheWholeLimitWithALastAttemptAtTheEnd() {
        AtomicInteger attempts = new AtomicInteger();
        long start = System.nanoTime();
        assertThatThrownBy(() -> DependencyWait.await("Thing", "thing:1", "check it",
                new DependencyWait.Policy(Duration.ofSeconds(1), Duration.ofMillis(1500)), () -> {
                    attempts.incrementAndGet();
                    throw new ConnectException("Connection refused");
                })).hasMessageContaining("did not answer within");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("not before the limit").isGreaterThanOrEqualTo(
                Duration.ofMillis(1500));
        assertThat(attempts).as("at 0, 1 s and 1.5 s").hasValue(3);
    }
}
