package io.pmtuwatch.stream.state;

import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.Cluster;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * What becomes durable: writes once the writing thread's transaction committed, or when Streams commits
 * the store; never writes of a failed transaction, nor any after it until the store is opened again.
 */
class CommitAlignedStoreTest {

    private static final TopicPartition CHANGELOG = new TopicPartition("app-runs-changelog", 2);

    @TempDir
    Path dir;

    private final List<CommitAlignedStore> opened = new ArrayList<>();

    @AfterEach
    void closeAll() {
        opened.forEach(CommitAlignedStore::close);
        TransactionOutcomes.reset();
    }

    /** What the clean-up above relies on: a reporting producer left open on the test's thread is forgotten. */
    @Test
    void resetForgetsAThreadWhoseReportingProducerWasLeftOpen() {
        OutcomeReportingProducer leaked = streamThreadProducer();
        leaked.initTransactions();
        leaked.beginTransaction();
        CommitAlignedStore store = open();
        put(store, "a", "1");
        assertThat(TransactionOutcomes.reports(Thread.currentThread())).isTrue();
        assertThat(TransactionOutcomes.hasListeners(Thread.currentThread())).isTrue();

        TransactionOutcomes.reset();

        assertThat(TransactionOutcomes.reports(Thread.currentThread())).isFalse();
        assertThat(TransactionOutcomes.hasListeners(Thread.currentThread())).isFalse();
    }

    @Test
    void aWriteIsKeptOnceItsTransactionCommittedAndWithItsOffset() {
        CommitAlignedStore store = open();
        put(store, "a", "1");
        TransactionOutcomes.committedOnCurrentThread(Map.of(CHANGELOG, 7L));
        put(store, "b", "2"); // its transaction never commits: the process dies
        store.close();

        CommitAlignedStore reopened = open();
        assertThat(get(reopened, "a")).isEqualTo("1");
        assertThat(get(reopened, "b")).isNull();
        assertThat(reopened.committedOffset(CHANGELOG)).isEqualTo(7L);
    }

    @Test
    void anotherThreadsCommitSaysNothingAboutThisThreadsWrites() throws Exception {
        CommitAlignedStore store = open();
        put(store, "a", "1");
        Thread other = new Thread(() -> TransactionOutcomes.committedOnCurrentThread(Map.of(CHANGELOG, 7L)));
        other.start();
        other.join();
        store.close();

        CommitAlignedStore reopened = open();
        assertThat(get(reopened, "a")).isNull();
        assertThat(reopened.committedOffset(CHANGELOG)).isNull();
    }

    @Test
    void afterAFailedTransactionNothingMoreBecomesDurableUntilReopened() {
        CommitAlignedStore store = open();
        put(store, "a", "1");
        TransactionOutcomes.committedOnCurrentThread(Map.of(CHANGELOG, 7L));
        put(store, "b", "2");
        TransactionOutcomes.failedOnCurrentThread();
        put(store, "c", "3");
        TransactionOutcomes.committedOnCurrentThread(Map.of(CHANGELOG, 12L));
        store.commit(Map.of(CHANGELOG, 13L));
        store.close();

        CommitAlignedStore reopened = open();
        assertThat(get(reopened, "a")).isEqualTo("1");
        assertThat(get(reopened, "b")).isNull();
        assertThat(get(reopened, "c")).isNull();
        assertThat(reopened.committedOffset(CHANGELOG)).isEqualTo(7L);

        put(reopened, "d", "4");
        TransactionOutcomes.committedOnCurrentThread(Map.of(CHANGELOG, 20L));
        reopened.close();
        assertThat(get(open(), "d")).as("a reopened store is trusted again").isEqualTo("4");
    }

    @Test
    void streamsCommittingTheStoreKeepsItsWritesAndAnEmptyCommitClearsTheOffsets() {
        CommitAlignedStore store = open();
        put(store, "a", "1");
        store.commit(Map.of(CHANGELOG, 3L));
        store.close();
        CommitAlignedStore reopened = open();
        assertThat(get(reopened, "a")).isEqualTo("1");
        assertThat(reopened.committedOffset(CHANGELOG)).isEqualTo(3L);

        reopened.commit(Map.of());
        reopened.close();
        assertThat(open().committedOffset(CHANGELOG)).isNull();
    }

    /**
     * The stream thread's commit appends and goes on while the file's rewrite (held here by a latch
     * until the commits are done) runs on its own thread; the commits made meanwhile are kept.
     */
    @Test
    void aCommitDoesNotWaitForTheRewriteOfTheStoresFile() throws Exception {
        CountDownLatch rewriting = new CountDownLatch(1);
        CountDownLatch goOn = new CountDownLatch(1);
        List<RewriteSteps.Step> reached = new CopyOnWriteArrayList<>();
        RewriteSteps hold = step -> {
            reached.add(step);
            if (step == RewriteSteps.Step.WRITTEN) {
                rewriting.countDown();
                goOn.await();
            }
        };
        ExecutorService rewrites = Executors.newSingleThreadExecutor();
        CommitAlignedStore store = open(new CommitAlignedStore("runs", 4096, rewrites, hold));
        Map<String, String> committed = new TreeMap<>();
        // On a thread of its own, as a stream thread: a commit that waited for the held rewrite would never end.
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            long offset = 0;
            while (rewriting.getCount() > 0) {
                offset = commitSome(store, committed, offset);
                assertThat(offset).as("the file grew past twice its content and 4 KB: a rewrite").isLessThan(10_000);
            }
            for (int i = 0; i < 50; i++) {
                offset = commitSome(store, committed, offset);
            }
        });
        assertThat(goOn.getCount()).as("the rewrite was held throughout").isEqualTo(1);
        goOn.countDown();
        rewrites.shutdown();
        assertThat(rewrites.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        assertThat(reached).as("the rewrite replaced the file").contains(RewriteSteps.Step.SWAPPED);
        store.close();

        CommitAlignedStore reopened = open();
        committed.forEach((key, value) -> assertThat(get(reopened, key)).as(key).isEqualTo(value));
        assertThat(reopened.approximateNumEntries()).isEqualTo(committed.size());
    }

    /**
     * A stream thread that ends (or is replaced) closes its producer last: its entry in
     * TransactionOutcomes goes then, even while a store it wrote is still open, and a write of its
     * transaction left open never becomes durable.
     */
    @Test
    void theThreadsEntryGoesWhenItsProducerClosesAndItsOpenTransactionIsNotKept() throws Exception {
        CommitAlignedStore store = open();
        OutcomeReportingProducer producer = new OutcomeReportingProducer(
                new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer()));
        Thread streamThread = new Thread(() -> {
            producer.initTransactions();
            producer.beginTransaction();
            put(store, "a", "1");
            producer.commitTransaction();
            producer.beginTransaction();
            put(store, "b", "2");
        });
        streamThread.start();
        streamThread.join();
        assertThat(TransactionOutcomes.hasListeners(streamThread)).isTrue();

        producer.close();

        assertThat(TransactionOutcomes.hasListeners(streamThread)).isFalse();
        store.close();
        CommitAlignedStore reopened = open();
        assertThat(get(reopened, "a")).isEqualTo("1");
        assertThat(get(reopened, "b")).isNull();
    }

    /**
     * Kafka Streams commits the stores of a task it closes dirty before it aborts the thread's open
     * transaction (TaskManager.closeDirtyAndRevive: flush, suspend, postCommit(true), close dirty),
     * passing the last offset sent to the changelog. Under exactly-once (the thread's producer reports
     * its transactions) that commit makes neither the open transaction's write nor that offset durable.
     */
    @Test
    void streamsCommittingTheStoreWhileTheThreadsTransactionIsOpenKeepsNothingOfIt() throws Exception {
        CommitAlignedStore store = open();
        OutcomeReportingProducer producer = streamThreadProducer();
        onStreamThread(() -> {
            producer.initTransactions();
            producer.beginTransaction();
            write(store, producer, "a", "1"); // changelog offset 0
            producer.commitTransaction();
            producer.beginTransaction();
            write(store, producer, "b", "2"); // changelog offset 1
            store.commit(Map.of(CHANGELOG, 1L));
        });
        store.close();
        producer.close();

        CommitAlignedStore reopened = open();
        assertThat(get(reopened, "a")).isEqualTo("1");
        assertThat(get(reopened, "b")).as("its transaction was never committed").isNull();
        assertThat(reopened.committedOffset(CHANGELOG)).isEqualTo(0L);
    }

    /**
     * Guards that a write held back by Streams' commit of a logged store while the thread's transaction
     * is open stays pending (is not dropped) until the reported commit, which makes it durable with that
     * transaction's offset. Kafka Streams 4.3.1 never commits a transaction after such a store commit
     * (it commits the transaction before postCommit when it suspends a task, and aborts it after a dirty
     * close's), so this is no scenario of 4.3.1; and it passes without the hold-back too (then "a" is
     * made durable at once). {@link #streamsCommittingTheStoreWhileTheThreadsTransactionIsOpenKeepsNothingOfIt}
     * is the test of the hold-back.
     */
    @Test
    void aWriteHeldBackByStreamsCommitIsNotDroppedAndBecomesDurableWithItsTransaction() throws Exception {
        CommitAlignedStore store = open();
        OutcomeReportingProducer producer = streamThreadProducer();
        onStreamThread(() -> {
            producer.initTransactions();
            producer.beginTransaction();
            write(store, producer, "a", "1");
            store.commit(Map.of(CHANGELOG, 0L));
            write(store, producer, "b", "2");
            producer.commitTransaction();
        });
        store.close();
        producer.close();

        CommitAlignedStore reopened = open();
        assertThat(get(reopened, "a")).isEqualTo("1");
        assertThat(get(reopened, "b")).isEqualTo("2");
        assertThat(reopened.committedOffset(CHANGELOG)).isEqualTo(1L);
    }

    /**
     * A store with logging disabled writes nothing in the thread's transaction, so Streams' commit
     * (Map.of(): no changelog) is its only signal, under exactly-once too: a punctuation's write, with
     * no transaction committed after it, is kept by postCommit(true)'s commit; nothing else could
     * restore it.
     */
    @Test
    void anUnloggedStoreKeepsWhatStreamsCommitsItWithUnderExactlyOnce() throws Exception {
        CommitAlignedStore store = open();
        OutcomeReportingProducer producer = streamThreadProducer();
        onStreamThread(() -> {
            producer.initTransactions();
            producer.beginTransaction();
            put(store, "a", "1"); // a punctuation's write; no changelog record
            store.commit(Map.of());
        });
        store.close();
        producer.close();

        assertThat(get(open(), "a")).isEqualTo("1");
    }

    // A stream thread's producer as the client supplier makes it, over a mock that knows the changelog's partitions.
    private static OutcomeReportingProducer streamThreadProducer() {
        Node broker = new Node(0, "localhost", 9092);
        List<PartitionInfo> partitions = IntStream.rangeClosed(0, CHANGELOG.partition())
                .mapToObj(p -> new PartitionInfo(CHANGELOG.topic(), p, broker, new Node[]{broker}, new Node[]{broker}))
                .toList();
        Cluster cluster = new Cluster("test", List.of(broker), partitions, Set.of(), Set.of());
        return new OutcomeReportingProducer(
                new MockProducer<>(cluster, true, null, new ByteArraySerializer(), new ByteArraySerializer()));
    }

    // Runs {@code work} on a thread of its own, as a stream thread, and rethrows what it threw.
    private static void onStreamThread(Runnable work) throws Exception {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread streamThread = new Thread(work);
        streamThread.setUncaughtExceptionHandler((thread, e) -> failure.set(e));
        streamThread.start();
        streamThread.join();
        if (failure.get() != null) {
            throw new AssertionError("the stream thread failed", failure.get());
        }
    }

    // A write as the changelog layer makes it: to the store, then its record to the changelog.
    private static void write(CommitAlignedStore store, OutcomeReportingProducer producer, String key, String value) {
        put(store, key, value);
        producer.send(new ProducerRecord<>(CHANGELOG.topic(), CHANGELOG.partition(),
                key.getBytes(StandardCharsets.UTF_8), value.getBytes(StandardCharsets.UTF_8)));
    }

    // Writes and commits a few keys on the current thread; returns the next changelog offset.
    private static long commitSome(CommitAlignedStore store, Map<String, String> committed, long offset) {
        for (int i = 0; i < 5; i++) {
            String key = "k" + (offset + i) % 40;
            String value = "v" + (offset + i);
            put(store, key, value);
            committed.put(key, value);
        }
        TransactionOutcomes.committedOnCurrentThread(Map.of(CHANGELOG, offset + 4));
        return offset + 5;
    }

    private CommitAlignedStore open() {
        return open(new CommitAlignedStore("runs"));
    }

    private CommitAlignedStore open(CommitAlignedStore store) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "app");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        StateStoreContext context = new MockProcessorContext<>(props, new TaskId(0, CHANGELOG.partition()), dir.toFile())
                .getStateStoreContext();
        store.init(context, store);
        opened.add(store);
        return store;
    }

    private static void put(CommitAlignedStore store, String key, String value) {
        store.put(Bytes.wrap(key.getBytes(StandardCharsets.UTF_8)), value.getBytes(StandardCharsets.UTF_8));
    }

    private static String get(CommitAlignedStore store, String key) {
        byte[] value = store.get(Bytes.wrap(key.getBytes(StandardCharsets.UTF_8)));
        return value == null ? null : new String(value, StandardCharsets.UTF_8);
    }
}
