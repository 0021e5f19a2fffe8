package io.pmtuwatch.stream.topology.internals;

import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

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
