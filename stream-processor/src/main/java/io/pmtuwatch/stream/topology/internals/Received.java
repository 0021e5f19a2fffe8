package io.pmtuwatch.stream.topology.internals;

/**
 * An input observation together with the bytes it was read from. Run assembly keeps a run's
 * observations encoded in its store record; taking the input's own bytes spares encoding each one
 * again (that was 8% of the stream thread's CPU in the bench, bench/README.md). The bytes are the
 * topic's single-object encoding, which the store's reader decodes like the topic's records.
 */
public record Received<T>(T value, byte[] encoded) {

    /** The observation itself, whether or not it came with its bytes. */
    public static Object valueOf(Object maybeReceived) {
        return maybeReceived instanceof Received<?> received ? received.value() : maybeReceived;
    }

    /** The bytes the observation was read from; null when it came without them. */
    public static byte[] encodedOf(Object maybeReceived) {
        return maybeReceived instanceof Received<?> received ? received.encoded() : null;
    }
}
