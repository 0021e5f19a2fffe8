package io.pmtuwatch.bench.stream;

import io.pmtuwatch.schemas.HandshakeObservation;
import io.pmtuwatch.schemas.HopObservation;
import io.pmtuwatch.schemas.serde.AvroSerdes;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;

/** The bench's baseline: consume, decode, encode, produce; no state, no logic. What Kafka Streams costs by itself. */
public final class PassThroughTopology {

    private PassThroughTopology() {
    }

    public static Topology build(String hopTopic, String handshakeTopic, String outputTopic) {
        StreamsBuilder builder = new StreamsBuilder();
        var keys = Serdes.String();
        var hops = AvroSerdes.serde(HopObservation.class);
        var handshakes = AvroSerdes.serde(HandshakeObservation.class);
        builder.stream(hopTopic, Consumed.with(keys, hops)).to(outputTopic, Produced.with(keys, hops));
        builder.stream(handshakeTopic, Consumed.with(keys, handshakes)).to(outputTopic + "-handshakes", Produced.with(keys, handshakes));
        return builder.build();
    }
}
