package io.pmtuwatch.stream.topology.internals;

import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueBytesStoreSupplier;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.internals.InMemoryKeyValueStore;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** An in-memory bytes store that notes the key of every write reaching it (a put or a delete), in order. */
final class WritesBelow implements KeyValueBytesStoreSupplier {

    final List<String> keys = new ArrayList<>();
    private final String name;

    WritesBelow(String name) {
        this.name = name;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public KeyValueStore<Bytes, byte[]> get() {
        return new InMemoryKeyValueStore(name) {
            @Override
            public synchronized void put(Bytes key, byte[] value) {
                keys.add(new String(key.get(), StandardCharsets.UTF_8));
                super.put(key, value);
            }

            @Override
            public synchronized void putAll(List<KeyValue<Bytes, byte[]>> entries) {
                entries.forEach(entry -> put(entry.key, entry.value));
            }

            @Override
            public synchronized byte[] delete(Bytes key) {
                keys.add(new String(key.get(), StandardCharsets.UTF_8));
                return super.delete(key);
            }
        };
    }

    @Override
    public String metricsScope() {
        return "writes-below";
    }
}
