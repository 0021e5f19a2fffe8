package io.pmtuwatch.stream.state;

import org.apache.kafka.common.TopicPartition;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

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

    private CommitAlignedStore open() {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "app");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        StateStoreContext context = new MockProcessorContext<>(props, new TaskId(0, CHANGELOG.partition()), dir.toFile())
                .getStateStoreContext();
        CommitAlignedStore store = new CommitAlignedStore("runs");
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
