package io.pmtuwatch.stream.topology.internals;

import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The write-behind layer over Streams' own layers (metering, serde) and a store that notes every write
 * reaching it: writes stay above until the commit's cache flush, then the last value of each changed
 * key goes below once; reads and iterators see them before; uncommitted writes are dropped.
 */
class WriteBehindStoreTest {

    private static final Serde<StringBuilder> TEXT = Serdes.serdeFrom(
            (topic, text) -> text.toString().getBytes(StandardCharsets.UTF_8),
            (topic, bytes) -> new StringBuilder(new String(bytes, StandardCharsets.UTF_8)));

    private final WritesBelow below = new WritesBelow("write-behind-test");
    private final KeyValueStore<String, StringBuilder> store = WriteBehindStore.builder(
            Stores.keyValueStoreBuilder(below, Serdes.String(), TEXT).withLoggingDisabled()).build();

    WriteBehindStoreTest() {
        MockProcessorContext<String, String> context = new MockProcessorContext<>();
        store.init(context.getStateStoreContext(), store);
    }

    @Test
    void writesReachTheStoreBelowAtTheCommitOnceForEachKeyWithTheLastValue() {
        store.put("gone", text("old"));
        TaskCommit.flushStore(store);
        below.keys.clear();

        store.put("a", text("1"));
        store.put("a", text("2"));
        store.put("b", text("1"));
        store.delete("gone");
        assertThat(below.keys).as("nothing below before the commit").isEmpty();
        assertThat(store.get("a")).hasToString("2");
        assertThat(store.get("gone")).isNull();

        TaskCommit.flushStore(store);
        assertThat(below.keys).containsExactlyInAnyOrder("a", "b", "gone");
        below.keys.clear();
        TaskCommit.flushStore(store);
        assertThat(below.keys).as("a commit with nothing changed writes nothing").isEmpty();
        assertThat(contents()).containsExactly(KeyValue.pair("a", "2"), KeyValue.pair("b", "1"));
    }

    @Test
    void aValueChangedInPlaceAfterItsPutIsWrittenAsItIsAtTheCommit() {
        StringBuilder run = text("hop-0");
        store.put("run", run);
        run.append(",hop-1");
        TaskCommit.flushStore(store);
        assertThat(contents()).containsExactly(KeyValue.pair("run", "hop-0,hop-1"));
    }

    @Test
    void iteratorsSeeThePendingWrites() {
        store.put("b", text("2"));
        store.put("a", text("1"));
        assertThat(contents()).containsExactly(KeyValue.pair("a", "1"), KeyValue.pair("b", "2"));
        assertThat(below.keys).as("written below for the iterator").containsExactlyInAnyOrder("a", "b");
    }

    @Test
    void writesNotFlushedAreDroppedWhenTheStoreIsClosedOrItsCacheCleared() {
        store.put("kept", text("1"));
        TaskCommit.flushStore(store);
        store.put("cleared", text("1"));
        ((WriteBehindStore<String, StringBuilder>) store).clearCache();
        assertThat(store.get("cleared")).isNull();
        store.put("closed", text("1"));
        store.close();
        assertThat(below.keys).containsExactly("kept");
    }

    /**
     * Each write reaches the changelog with the timestamp of the record it was made for, as with
     * Streams' own cache, not the one current at the commit: here two writes for two records the
     * processor forwards with timestamps of their own, logged at the commit after the input record.
     */
    @Test
    void eachWriteIsLoggedWithTheTimestampOfTheRecordItWasMadeFor(@TempDir Path stateDir) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "write-behind-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        Instant t0 = Instant.parse("2026-11-24T10:00:00Z");
        try (TopologyTestDriver driver = new TopologyTestDriver(twoWritesPerRecord(), props)) {
            TestInputTopic<String, String> in = driver.createInputTopic("in", Serdes.String().serializer(),
                    Serdes.String().serializer());
            TestOutputTopic<String, String> changelog = driver.createOutputTopic(
                    "write-behind-test-" + LOGGED + "-changelog", Serdes.String().deserializer(),
                    Serdes.String().deserializer());
            in.pipeInput("input", "v", t0);
            Map<String, Instant> logged = new TreeMap<>();
            changelog.readRecordsToList().forEach(record -> logged.put(record.key(), record.getRecordTime()));
            assertThat(logged).containsExactlyInAnyOrderEntriesOf(Map.of(
                    "first", t0.plusSeconds(1), "second", t0.plusSeconds(2)));
        }
    }

    private static final String LOGGED = "write-behind-logged";

    // in -> fan (forwards "first" at +1 s, "second" at +2 s) -> write (puts each into the logged write-behind store)
    private static Topology twoWritesPerRecord() {
        Topology topology = new Topology();
        topology.addSource("in", Serdes.String().deserializer(), Serdes.String().deserializer(), "in");
        topology.addProcessor("fan", () -> new Processor<String, String, String, String>() {
            private ProcessorContext<String, String> context;

            @Override
            public void init(ProcessorContext<String, String> context) {
                this.context = context;
            }

            @Override
            public void process(Record<String, String> record) {
                context.forward(record.withKey("first").withTimestamp(record.timestamp() + 1000));
                context.forward(record.withKey("second").withTimestamp(record.timestamp() + 2000));
            }
        }, "in");
        topology.addProcessor("write", () -> new Processor<String, String, Void, Void>() {
            private KeyValueStore<String, String> store;

            @Override
            public void init(ProcessorContext<Void, Void> context) {
                store = context.getStateStore(LOGGED);
            }

            @Override
            public void process(Record<String, String> record) {
                store.put(record.key(), record.value());
            }
        }, "fan");
        topology.addStateStore(WriteBehindStore.builder(Stores.keyValueStoreBuilder(
                Stores.inMemoryKeyValueStore(LOGGED), Serdes.String(), Serdes.String())), "write");
        return topology;
    }

    private List<KeyValue<String, String>> contents() {
        List<KeyValue<String, String>> out = new ArrayList<>();
        try (KeyValueIterator<String, StringBuilder> it = store.all()) {
            it.forEachRemaining(entry -> out.add(KeyValue.pair(entry.key, entry.value.toString())));
        }
        return out;
    }

    private static StringBuilder text(String value) {
        return new StringBuilder(value);
    }
}
