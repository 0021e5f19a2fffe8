package io.pmtuwatch.embedded;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.security.auth.SecurityProtocol;
import org.apache.kafka.common.test.JaasUtils;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Kafka broker for tests: one in-process KRaft node (broker and controller combined) from
 * Kafka's own test kit, started on first use and shared by every test class of the JVM.
 *
 * <p>Tests share the broker, so they use their own topic names (and group ids) instead of assuming an
 * empty cluster. A JVM shutdown hook stops the broker and deletes its files; files left by a killed
 * JVM are removed by the next start.
 */
public final class KafkaHarness {

    private static final Logger log = LoggerFactory.getLogger(KafkaHarness.class);

    private static KafkaHarness shared;
    private static HarnessStartException startFailure;

    private final KafkaClusterTestKit cluster;
    private final Admin admin;

    private KafkaHarness(KafkaClusterTestKit cluster) {
        this.cluster = cluster;
        this.admin = cluster.admin();
    }

    /**
     * The JVM's broker, started on the first call (that call waits until the broker is ready).
     *
     * @throws HarnessStartException when the broker cannot start; later calls fail the same way at
     *                               once instead of trying again
     */
    public static synchronized KafkaHarness shared() {
        if (shared == null) {
            if (startFailure != null) {
                throw new HarnessStartException(startFailure.getMessage(), startFailure);
            }
            try {
                shared = start();
            } catch (Exception e) {
                startFailure = new HarnessStartException(
                        "The in-process Kafka broker for tests did not start: " + e
                                + ". Look at the test output file of this class for the broker's log.", e);
                throw startFailure;
            }
        }
        return shared;
    }

    private static KafkaHarness start() throws Exception {
        long startNanos = System.nanoTime();
        KafkaClusterTestKit cluster = startCluster("kafka", SecurityProtocol.PLAINTEXT, Map.of());
        KafkaHarness harness = new KafkaHarness(cluster);
        Runtime.getRuntime().addShutdownHook(new Thread(harness::stop, "pmtuwatch-kafka-stop"));
        long millis = Duration.ofNanos(System.nanoTime() - startNanos).toMillis();
        log.info("Kafka broker started at {} in {} ms", cluster.bootstrapServers(), millis);
        BuildConsole.println(String.format("Kafka broker started at %s in %d ms", cluster.bootstrapServers(), millis));
        return harness;
    }

    /**
     * A broker of its own whose client listener wants SASL/PLAIN (users {@link #SASL_USER} and the
     * test kit's admin), for tests of client security settings. Not shared: close it.
     */
    public static Secured startSaslPlain() {
        try {
            return new Secured(startCluster("kafka-sasl", SecurityProtocol.SASL_PLAINTEXT, Map.of()));
        } catch (Exception e) {
            throw new HarnessStartException("The in-process SASL Kafka broker for tests did not start: " + e, e);
        }
    }

    /** A user the SASL broker knows, with {@link #SASL_PASSWORD}. */
    public static final String SASL_USER = JaasUtils.KAFKA_PLAIN_ADMIN;
    public static final String SASL_PASSWORD = JaasUtils.KAFKA_PLAIN_ADMIN_PASSWORD;

    /** A SASL/PLAIN broker; {@link #close()} stops it. */
    public static final class Secured extends Dedicated {

        private Secured(KafkaClusterTestKit cluster) {
            super(cluster);
        }

        /** Lines of a client properties file that authenticate as {@code user}. */
        public static java.util.List<String> clientConfigLines(String user, String password) {
            return List.of("security.protocol=SASL_PLAINTEXT", "sasl.mechanism=PLAIN",
                    "sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username=\""
                            + user + "\" password=\"" + password + "\";");
        }

        /** Client settings that authenticate as the known user. */
        public Map<String, Object> clientConfig() {
            Map<String, Object> config = new java.util.HashMap<>();
            for (String line : clientConfigLines(SASL_USER, SASL_PASSWORD)) {
                int eq = line.indexOf('=');
                config.put(line.substring(0, eq), line.substring(eq + 1));
            }
            config.put("bootstrap.servers", bootstrapServers());
            return config;
        }
    }

    /**
     * A plaintext broker of its own with {@code brokerSettings} on top of the test cluster's
     * ({@link KafkaBrokerConfig}), for a test of broker behaviour the shared broker must not have. Not shared:
     * close it.
     */
    public static Dedicated startWith(String scratchName, Map<String, String> brokerSettings) {
        try {
            return new Dedicated(startCluster(scratchName, SecurityProtocol.PLAINTEXT, brokerSettings));
        } catch (Exception e) {
            throw new HarnessStartException("The in-process Kafka broker " + scratchName + " for tests did not start: " + e, e);
        }
    }

    /** A broker of its own (its own settings, or SASL: {@link Secured}); {@link #close()} stops it. */
    public static class Dedicated implements AutoCloseable {
        private final KafkaClusterTestKit cluster;

        private Dedicated(KafkaClusterTestKit cluster) {
            this.cluster = cluster;
        }

        public String bootstrapServers() {
            return cluster.bootstrapServers();
        }

        @Override
        public void close() {
            closeQuietly(cluster);
        }
    }

    private static KafkaClusterTestKit startCluster(String scratchName, SecurityProtocol protocol,
                                                    Map<String, String> brokerSettings) throws Exception {
        Path baseDirectory = ScratchDirectories.claim(scratchName, stale -> { });
        TestKitNodes nodes = new TestKitNodes.Builder()
                .setCombined(true)
                .setNumControllerNodes(1)
                .setNumBrokerNodes(1)
                // What a real deployment runs: not the unreleased features the test kit enables by default,
                // and not its transactions version 0 either.
                .setBootstrapMetadata(ProductionFeatures.bootstrap())
                .setBrokerSecurityProtocol(protocol)
                // The test kit's authorizer grants cluster actions to its SASL admin only: the controller
                // listener must authenticate too.
                .setControllerSecurityProtocol(protocol)
                .setBaseDirectory(baseDirectory)
                .build();
        KafkaClusterTestKit.Builder builder = new KafkaClusterTestKit.Builder(nodes).setDeleteOnClose(true);
        KafkaBrokerConfig.overrides().forEach(builder::setConfigProp);
        brokerSettings.forEach(builder::setConfigProp);
        KafkaClusterTestKit cluster = builder.build();
        try {
            cluster.format();
            cluster.startup();
            cluster.waitForReadyBrokers();
        } catch (Exception e) {
            closeQuietly(cluster);
            throw e;
        }
        return cluster;
    }

    /** {@code host:port} list for the {@code bootstrap.servers} setting of any client. */
    public String bootstrapServers() {
        return cluster.bootstrapServers();
    }

    /**
     * Creates a topic with replication factor 1, or does nothing if it exists (whatever its partition
     * count), so test classes can call it in their set-up without coordinating.
     */
    public void createTopic(String name, int partitions) {
        try {
            admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1))).all().get();
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("Could not create topic " + name, e.getCause());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while creating topic " + name, e);
        }
    }

    /** The shared admin client; closing it does nothing, the harness closes it when the broker stops. */
    public Admin adminClient() {
        return UncloseableAdmin.wrap(admin);
    }

    /** Settings every client needs to reach this broker; add your own serializers, group id, etc. */
    public Map<String, Object> clientConfig() {
        return Map.of("bootstrap.servers", bootstrapServers());
    }

    private void stop() {
        long startNanos = System.nanoTime();
        admin.close(Duration.ofSeconds(5));
        closeQuietly(cluster);
        long millis = Duration.ofNanos(System.nanoTime() - startNanos).toMillis();
        log.info("Kafka broker stopped in {} ms", millis);
        BuildConsole.println(String.format("Kafka broker stopped in %d ms", millis));
    }

    private static void closeQuietly(KafkaClusterTestKit cluster) {
        try {
            cluster.close();
        } catch (Exception e) {
            log.warn("Kafka test cluster did not close cleanly", e);
        }
    }
}
