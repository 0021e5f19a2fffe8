package io.pmtuwatch.stream.query;

import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreType;
import org.apache.kafka.streams.state.internals.MeteredKeyValueStore;
import org.apache.kafka.streams.state.internals.StateStoreProvider;

import java.util.ArrayList;
import java.util.List;

/**
 * The entries of a plain key-value store as the store holds them, key and value bytes, read below its
 * serde. Streams' own queries decode every value, which is what made a path list rebuild cost 0.3 s of CPU
 * at 100,000 paths; the bytes let {@link PathIndex} decode only the values that changed since it last looked.
 * Reads the stores of this instance's active tasks, as a query of Streams' own does.
 */
public final class StoredEntries {

    private StoredEntries() {
    }

    /** Every entry of the store {@code name} in this instance's active tasks. */
    public static List<KeyValue<Bytes, byte[]>> all(KafkaStreams streams, String name) {
        return streams.store(StoreQueryParameters.fromNameAndType(name, PlainKeyValueStores.TYPE));
    }

    /** Every entry of one task's store as the topology built it (a store a test driver hands out, say). */
    public static List<KeyValue<Bytes, byte[]>> all(StateStore store) {
        List<KeyValue<Bytes, byte[]>> out = new ArrayList<>();
        addAll(store, out);
        return out;
    }

    private static void addAll(StateStore store, List<KeyValue<Bytes, byte[]>> out) {
        // The exact class: the timestamped and header-carrying subclasses store more than the serde's bytes.
        if (store.getClass() != MeteredKeyValueStore.class) {
            throw new IllegalArgumentException("store " + store.name() + " is not a plain key-value store but a "
                    + store.getClass().getName());
        }
        try (KeyValueIterator<Bytes, byte[]> it = ((MeteredKeyValueStore<?, ?>) store).wrapped().all()) {
            it.forEachRemaining(out::add);
        }
    }

    /** A store type whose "store" is the list of entries of every active task's store of that name. */
    private static final class PlainKeyValueStores implements QueryableStoreType<List<KeyValue<Bytes, byte[]>>> {
        static final PlainKeyValueStores TYPE = new PlainKeyValueStores();

        @Override
        public boolean accepts(StateStore stateStore) {
            return stateStore.getClass() == MeteredKeyValueStore.class;
        }

        @Override
        public List<KeyValue<Bytes, byte[]>> create(StateStoreProvider provider, String storeName) {
            List<KeyValue<Bytes, byte[]>> out = new ArrayList<>();
            // The provider hands out the stores themselves (typed as what create returns): read each as a StateStore.
            List<?> stores = provider.stores(storeName, this);
            for (Object store : stores) {
                addAll((StateStore) store, out);
            }
            return out;
        }
    }
}
