package io.pmtuwatch.stream.topology.internals;

import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Reads a topic's records with the given serde and keeps the bytes next to each value
 * ({@link Received}). A record that does not decode fails exactly as with the serde alone, so the
 * deserialization handler (dead letters) sees the same exception.
 */
public final class ReceivedSerde {

    private ReceivedSerde() {
    }

    public static <T> Serde<Received<T>> of(Serde<T> serde) {
        Deserializer<T> decoder = serde.deserializer();
        Deserializer<Received<T>> deserializer = (topic, bytes) -> {
            T value = decoder.deserialize(topic, bytes);
            return value == null ? null : new Received<>(value, bytes);
        };
        Serializer<Received<T>> serializer = (topic, received) -> received == null ? null : received.encoded();
        return Serdes.serdeFrom(serializer, deserializer);
    }
}
