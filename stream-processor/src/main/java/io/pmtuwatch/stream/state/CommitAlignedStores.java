package io.pmtuwatch.stream.state;

import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.state.KeyValueBytesStoreSupplier;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Suppliers of {@link CommitAlignedStore}s, for {@code Stores.keyValueStoreBuilder} and
 * {@code Stores.timestampedKeyValueStoreBuilder}, which wrap them in Streams' logging, caching and
 * metering layers like any store.
 */
public final class CommitAlignedStores {

    private CommitAlignedStores() {
    }

    public static KeyValueBytesStoreSupplier keyValue(String name) {
        return new Supplier(name, false);
    }

    public static KeyValueBytesStoreSupplier timestampedKeyValue(String name) {
        return new Supplier(name, true);
    }

    private record Supplier(String name, boolean timestamped) implements KeyValueBytesStoreSupplier {
        @Override
        public KeyValueStore<Bytes, byte[]> get() {
            return timestamped ? new TimestampedCommitAlignedStore(name) : new CommitAlignedStore(name);
        }

        @Override
        public String metricsScope() {
            return "commit-aligned";
        }
    }
}
