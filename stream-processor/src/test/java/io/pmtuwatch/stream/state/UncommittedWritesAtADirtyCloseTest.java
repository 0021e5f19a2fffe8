package io.pmtuwatch.stream.state;

import io.pmtuwatch.embedded.KafkaHarness;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KafkaClientSupplier;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueBytesStoreSupplier;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Kafka Streams, exactly-once, real broker: a shutdown whose commit fails before the transaction's
 * commit (the producer was fenced: its {@code sendOffsetsToTransaction} fails) still commits the
 * task's stores (TaskManager.tryCloseCleanActiveTasks), then closes the task dirty: abort, then wipe
 * of the task's directory. The store's file as it is when the store closes, just before the wipe, is
 * what a process killed there (or a wipe that cannot take the directory's lock) leaves: it must hold
 * the committed write only, with its offset, not the write whose transaction was aborted.
 */
class UncommittedWritesAtADirtyCloseTest {

    private static final String STORE = "dirty-close";
    /** The processor asks for a commit after this key's write. */
    private static final String COMMITTED_KEY = "committed";
    private static final String OPEN_KEY = "open";

    @TempDir
    Path stateDir;
    @TempDir
    Path snapshots;

    private final List<Path> taken = new CopyOnWriteArrayList<>();
    private final List<String> transactionalIds = new CopyOnWriteArrayList<>();
    /** The offsets Streams committed the store with, call by call. */
    private final List<Map<TopicPartition, Long>> storeCommits = new CopyOnWriteArrayList<>();

    @AfterEach
    void forgetTheThreads() {
        TransactionOutcomes.reset();
    }

    @Test
    void aShutdownWhoseCommitIsFencedKeepsNoWriteOfTheAbortedTransaction() throws Exception {
        KafkaHarness kafka = KafkaHarness.shared();
        String suffix = Long.toString(System.nanoTime(), 36);
        String app = "dirty-close-" + suffix;
        String input = "dirty-close-in-" + suffix;
        kafka.createTopic(input, 1);
        TopicPartition changelog = new TopicPartition(app + "-" + STORE + "-changelog", 0);

        KafkaStreams streams = new KafkaStreams(topology(input), streamsConfig(kafka, app), new RecordingIds());
        try {
            streams.start();
            await().atMost(Duration.ofSeconds(60)).until(() -> streams.state() == KafkaStreams.State.RUNNING);
            try (Producer<String, String> in = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
                    new StringSerializer(), new StringSerializer())) {
                in.send(new ProducerRecord<>(input, COMMITTED_KEY, "1")).get(30, TimeUnit.SECONDS);
                long committedAt = offsetOf(kafka, changelog, COMMITTED_KEY, "read_committed");
                in.send(new ProducerRecord<>(input, OPEN_KEY, "2")).get(30, TimeUnit.SECONDS);
                // Acknowledged, in the transaction still open: the shutdown's flush has nothing left to send.
                long openAt = offsetOf(kafka, changelog, OPEN_KEY, "read_uncommitted");
                assertThat(openAt).isGreaterThan(committedAt);

                fenceTheStreamThreadsProducer(kafka);
                streams.close(Duration.ofSeconds(60));
                assertThat(stateDir.resolve(app).resolve("0_0").resolve(STORE).resolve(StoreLog.FILE))
                        .as("closed dirty: the task's state wiped").doesNotExist();

                assertThat(storeCommits).as("the dirty close's commit of the store, while the transaction was open")
                        .anySatisfy(offsets -> assertThat(offsets).containsEntry(changelog, openAt));
                assertThat(taken).as("the store closed").isNotEmpty();
                try (StoreLog log = StoreLog.open(taken.get(taken.size() - 1))) {
                    assertThat(text(log.loaded().entries())).containsExactly(Map.entry(COMMITTED_KEY, "1"));
                    assertThat(log.loaded().offsets()).containsExactly(Map.entry(changelog, committedAt));
                }
            }
        } finally {
            streams.close(Duration.ofSeconds(60));
        }
    }

    // A producer with the stream thread's transactional id takes it over: the thread's next request fails.
    private void fenceTheStreamThreadsProducer(KafkaHarness kafka) {
        assertThat(transactionalIds).hasSize(1);
        try (Producer<byte[], byte[]> zombieKiller = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalIds.get(0)),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            zombieKiller.initTransactions();
        }
    }

    private Topology topology(String input) {
        Topology topology = new Topology();
        topology.addSource("in", Serdes.String().deserializer(), Serdes.String().deserializer(), input);
        topology.addProcessor("write", Writer::new, "in");
        topology.addStateStore(Stores.keyValueStoreBuilder(new SnapshotOnClose(), Serdes.String(), Serdes.String())
                .withCachingDisabled(), "write");
        return topology;
    }

    private Properties streamsConfig(KafkaHarness kafka, String app) {
        Properties props = new Properties();
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, app);
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 1);
        // No commit but the one the processor asks for: the second write's transaction stays open.
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 600_000);
        props.put(StreamsConfig.producerPrefix(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG), 600_000);
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
        return props;
    }

    // The offset of the changelog record of {@code key}, once a consumer with {@code isolation} sees it.
    private static long offsetOf(KafkaHarness kafka, TopicPartition changelog, String key, String isolation) {
        Map<String, Object> config = new HashMap<>(kafka.clientConfig());
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation);
        try (Consumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.assign(List.of(changelog));
            consumer.seekToBeginning(List.of(changelog));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (key.equals(new String(record.key(), StandardCharsets.UTF_8))) {
                        return record.offset();
                    }
                }
            }
        }
        throw new AssertionError("no changelog record of " + key + " seen with " + isolation);
    }

    private static Map<String, String> text(Map<Bytes, byte[]> entries) {
        Map<String, String> out = new TreeMap<>();
        entries.forEach((key, value) -> out.put(new String(key.get(), StandardCharsets.UTF_8),
                new String(value, StandardCharsets.UTF_8)));
        return out;
    }

    /** Writes each record to the store; asks for a commit after the committed key's. */
    private static final class Writer implements Processor<String, String, Void, Void> {
        private ProcessorContext<Void, Void> context;
        private KeyValueStore<String, String> store;

        @Override
        public void init(ProcessorContext<Void, Void> context) {
            this.context = context;
            this.store = context.getStateStore(STORE);
        }

        @Override
        public void process(Record<String, String> record) {
            store.put(record.key(), record.value());
            if (COMMITTED_KEY.equals(record.key())) {
                context.commit();
            }
        }
    }

    /** The store, copying its file when it closes: Streams wipes the directory right after a dirty close. */
    private final class SnapshotOnClose implements KeyValueBytesStoreSupplier {
        @Override
        public String name() {
            return STORE;
        }

        @Override
        public KeyValueStore<Bytes, byte[]> get() {
            return new CommitAlignedStore(STORE) {
                private Path dir;

                @Override
                public synchronized void init(StateStoreContext context, StateStore root) {
                    dir = context.stateDir().toPath().resolve(STORE);
                    super.init(context, root);
                }

                @Override
                public synchronized void commit(Map<TopicPartition, Long> changelogOffsets) {
                    storeCommits.add(new HashMap<>(changelogOffsets));
                    super.commit(changelogOffsets);
                }

                @Override
                public synchronized void close() {
                    if (isOpen()) {
                        try {
                            Path copy = Files.createDirectories(snapshots.resolve("close-" + taken.size()));
                            Files.copy(dir.resolve(StoreLog.FILE), copy.resolve(StoreLog.FILE));
                            taken.add(copy);
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    }
                    super.close();
                }
            };
        }

        @Override
        public String metricsScope() {
            return "dirty-close-test";
        }
    }

    /** Kafka Streams' clients as the processor has them, noting each producer's transactional id. */
    private final class RecordingIds implements KafkaClientSupplier {
        private final OutcomeReportingClientSupplier clients = new OutcomeReportingClientSupplier();

        @Override
        public Admin getAdmin(Map<String, Object> config) {
            return clients.getAdmin(config);
        }

        @Override
        public Producer<byte[], byte[]> getProducer(Map<String, Object> config) {
            Object id = config.get(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
            if (id != null) {
                transactionalIds.add(id.toString());
            }
            return clients.getProducer(config);
        }

        @Override
        public Consumer<byte[], byte[]> getConsumer(Map<String, Object> config) {
            return clients.getConsumer(config);
        }

        @Override
        public Consumer<byte[], byte[]> getRestoreConsumer(Map<String, Object> config) {
            return clients.getRestoreConsumer(config);
        }

        @Override
        public Consumer<byte[], byte[]> getGlobalConsumer(Map<String, Object> config) {
            return clients.getGlobalConsumer(config);
        }
    }
}
