package io.pmtuwatch.stream.state;

import org.apache.kafka.streams.state.TimestampedBytesStore;

/** {@link CommitAlignedStore} for a timestamped store: values carry their timestamp, as Streams expects of such stores. */
final class TimestampedCommitAlignedStore extends CommitAlignedStore implements TimestampedBytesStore {

    TimestampedCommitAlignedStore(String name) {
        super(name);
    }
}
