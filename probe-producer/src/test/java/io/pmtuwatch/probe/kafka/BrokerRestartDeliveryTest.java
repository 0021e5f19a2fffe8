package io.pmtuwatch.probe.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.pmtuwatch.schemas.HopObservation;
import io.pmtuwatch.testsupport.KafkaProcess;
import io.pmtuwatch.testsupport.TopicRecords;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;

/**
 * A broker restart of more than a minute in the middle of an agent's runs: the idempotent
 * producer keeps retrying, every record of every run arrives exactly once, in order, after the
 * broker is back. A broker that stays away longer than the delivery timeout makes the run fail
 * (undelivered), with a sentence naming what to check.
 */
class BrokerRestartDeliveryTest {

    @Test
    void runsPublishedWhileTheBrokerIsDownForAMinuteAreDeliveredOnceItIsBack() throws Exception {
        try (KafkaProcess broker = KafkaProcess.start(Map.of())) {
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
                admin.createTopics(List.of(new NewTopic("hops", 1, (short) 1), new NewTopic("handshakes", 1, (short) 1)))
                        .all().get(30, TimeUnit.SECONDS);
            }
            Map<String, Object> client = Map.of("bootstrap.servers", broker.bootstrapServers());
            try (KafkaObservationPublisher publisher = KafkaObservationPublisher.create(broker.bootstrapServers(),
                    Map.of(), "restart-test", "hops", "handshakes", Duration.ofMinutes(3))) {
                RunObservations before = Observations.run("192.0.2.7", "run-before", 3);
                publisher.publish(before).get(30, TimeUnit.SECONDS);

                broker.stop();
                RunObservations during = Observations.run("192.0.2.7", "run-during", 5);
                // publish() can block in the producer's send() while it has no leader metadata for a
                // topic (a stopped single broker leaves none), up to the delivery timeout, as an agent's
                // worker does: publish from another thread so this one can bring the broker back.
                CompletableFuture<Void> delivered = CompletableFuture.supplyAsync(() -> publisher.publish(during))
                        .thenCompose(ack -> ack);
                Thread.sleep(Duration.ofSeconds(65).toMillis()); // the outage under test, not a wait for a result
                assertThat(delivered).as("nothing can be acknowledged while the broker is down").isNotDone();
                broker.startBroker();

                delivered.get(2, TimeUnit.MINUTES);
                List<HopObservation> hops = TopicRecords.read(client, "hops", HopObservation.class, 8, Duration.ofSeconds(30));
                assertThat(hops).extracting(HopObservation::getRunId).containsExactly("run-before", "run-before",
                        "run-before", "run-during", "run-during", "run-during", "run-during", "run-during");
                assertThat(hops.subList(3, 8)).containsExactlyElementsOf(during.hops());
            }
        }
    }

    @Test
    void aBrokerThatStaysAwayLongerThanTheDeliveryTimeoutMakesTheRunUndeliveredWithAReason() throws Exception {
        try (KafkaProcess broker = KafkaProcess.start(Map.of())) {
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
                admin.createTopics(List.of(new NewTopic("hops", 1, (short) 1), new NewTopic("handshakes", 1, (short) 1)))
                        .all().get(30, TimeUnit.SECONDS);
            }
            try (KafkaObservationPublisher publisher = KafkaObservationPublisher.create(broker.bootstrapServers(),
                    Map.of(), "timeout-test", "hops", "handshakes", Duration.ofSeconds(10))) {
                publisher.publish(Observations.run("192.0.2.7", "run-before", 1)).get(30, TimeUnit.SECONDS);
                broker.stop();
                CompletableFuture<Void> delivered = publisher.publish(Observations.run("192.0.2.7", "run-lost", 3));
                Throwable failure = delivered.handle((ok, error) -> error).get(2, TimeUnit.MINUTES);
                assertThat(failure).isNotNull();
                assertThat(DeliveryFailures.explain(failure)).contains("--bootstrap-servers").contains("--delivery-timeout");
            }
        }
    }
}
