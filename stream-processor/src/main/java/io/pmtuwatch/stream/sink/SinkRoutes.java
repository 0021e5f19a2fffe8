package io.pmtuwatch.stream.sink;

import io.pmtuwatch.schemas.AnomalyWindow;
import io.pmtuwatch.schemas.LinkMtu;
import io.pmtuwatch.schemas.PathDiagnosis;
import io.pmtuwatch.schemas.serde.AvroSerdes;
import org.apache.kafka.common.serialization.Deserializer;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Which topic's records become which documents. The sink reads raw bytes and decodes here, so that
 * an undecodable record becomes a dead letter instead of stopping the consumer.
 */
public final class SinkRoutes {

    /** Decodes one record value and maps it; throws when the value cannot be decoded. */
    @FunctionalInterface
    public interface RecordMapper {
        List<SinkDocument> documents(String topic, byte[] value);
    }

    private final Map<String, RecordMapper> byTopic;

    private SinkRoutes(Map<String, RecordMapper> byTopic) {
        this.byTopic = Map.copyOf(byTopic);
    }

    public static SinkRoutes standard(SinkTopics topics, SinkIndices indices) {
        Map<String, RecordMapper> routes = new LinkedHashMap<>();
        routes.put(topics.diagnoses(), decoding(PathDiagnosis.class, d -> RecordDocuments.of(d, indices)));
        routes.put(topics.anomalies(), decoding(AnomalyWindow.class, w -> RecordDocuments.of(w, indices)));
        routes.put(topics.links(), decoding(LinkMtu.class, l -> RecordDocuments.of(l, indices)));
        return new SinkRoutes(routes);
    }

    /** Only the diagnoses topic (e.g. a deployment without the anomaly/link topology). */
    public static SinkRoutes diagnosesOnly(String topic, SinkIndices indices) {
        return new SinkRoutes(Map.of(topic, decoding(PathDiagnosis.class, d -> RecordDocuments.of(d, indices))));
    }

    public Set<String> topics() {
        return byTopic.keySet();
    }

    /**
     * The documents of one record; none for a tombstone (null value: on the compacted links topic it
     * retires a link, whose document then simply stops being updated).
     */
    public List<SinkDocument> documents(String topic, byte[] value) {
        RecordMapper mapper = byTopic.get(topic);
        if (mapper == null) {
            throw new IllegalArgumentException("no route for topic " + topic);
        }
        return value == null ? List.of() : mapper.documents(topic, value);
    }

    private static <T extends org.apache.avro.specific.SpecificRecordBase> RecordMapper decoding(
            Class<T> type, Function<T, List<SinkDocument>> mapping) {
        Deserializer<T> deserializer = AvroSerdes.deserializer(type);
        return (topic, value) -> mapping.apply(deserializer.deserialize(topic, value));
    }
}
