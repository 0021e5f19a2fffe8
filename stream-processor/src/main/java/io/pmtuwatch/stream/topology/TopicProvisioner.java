package io.pmtuwatch.stream.topology;

import io.pmtuwatch.stream.config.ProcessorConfig;
import io.pmtuwatch.stream.config.TopicNames;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;

/**
 * Creates the topics of the contract that do not exist yet, and checks the one thing Kafka Streams
 * cannot: both observation topics must have the same partition count, or a path's hops and
 * handshakes would land in different tasks and never meet.
 */
public final class TopicProvisioner {

    private static final Logger log = LoggerFactory.getLogger(TopicProvisioner.class);

    private TopicProvisioner() {
    }

    public static void ensure(ProcessorConfig config) {
        // A broker that is not there should stop the start with a message, not retry quietly for minutes.
        Map<String, Object> props = config.plainClientConfig(AdminClientConfig.configNames());
        props.putIfAbsent(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000);
        try (Admin admin = Admin.create(props)) {
            ensure(admin, config.topology().topics(), config.topology().partitions(), config.replicationFactor(),
                    config.createTopics());
        }
    }

    public static void ensure(Admin admin, TopicNames topics, int partitions, int replicationFactor, boolean create) {
        Optional<Short> replication = replicationFactor < 0 ? Optional.empty() : Optional.of((short) replicationFactor);
        if (create) {
            List<NewTopic> wanted = new ArrayList<>();
            for (String name : List.of(topics.hopObservations(), topics.handshakeObservations(), topics.diagnoses(),
                    topics.anomalies(), topics.deadLetter())) {
                wanted.add(new NewTopic(name, Optional.of(partitions), replication));
            }
            wanted.add(new NewTopic(topics.links(), Optional.of(partitions), replication)
                    .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)));
            for (NewTopic topic : wanted) {
                try {
                    admin.createTopics(List.of(topic)).all().get();
                    log.info("Created topic {} with {} partitions", topic.name(), partitions);
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof org.apache.kafka.common.errors.TimeoutException) {
                        throw new IllegalStateException("Kafka did not answer within 30 s while creating topic "
                                + topic.name() + ": check kafka.bootstrap.servers (PMTU_KAFKA_BOOTSTRAP_SERVERS) and that"
                                + " the broker is up and reachable from here", e.getCause());
                    }
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("cannot create topic " + topic.name() + ": " + e.getCause(), e.getCause());
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while creating topics", e);
                }
            }
        }
        checkCoPartitioned(admin, topics);
    }

    private static void checkCoPartitioned(Admin admin, TopicNames topics) {
        try {
            Map<String, TopicDescription> described = describeSoonAfterCreation(admin,
                    Set.of(topics.hopObservations(), topics.handshakeObservations()));
            int hops = described.get(topics.hopObservations()).partitions().size();
            int handshakes = described.get(topics.handshakeObservations()).partitions().size();
            if (hops != handshakes) {
                throw new IllegalStateException("topics " + topics.hopObservations() + " (" + hops + " partitions) and "
                        + topics.handshakeObservations() + " (" + handshakes + ") must have the same partition count:"
                        + " a path's hops and handshakes must meet in one task");
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot describe the observation topics (do they exist?): " + e.getCause(),
                    e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while describing topics", e);
        }
    }

    /**
     * Describes topics that may have been created a moment ago: a broker can answer "unknown topic"
     * until its metadata has caught up with the creation, so that answer is asked again for up to 10 s.
     */
    private static Map<String, TopicDescription> describeSoonAfterCreation(Admin admin, Set<String> names)
            throws ExecutionException, InterruptedException {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
        while (true) {
            try {
                return admin.describeTopics(names).allTopicNames().get();
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof org.apache.kafka.common.errors.UnknownTopicOrPartitionException)
                        || System.nanoTime() >= deadline) {
                    throw e;
                }
                Thread.sleep(250);
            }
        }
    }
}
