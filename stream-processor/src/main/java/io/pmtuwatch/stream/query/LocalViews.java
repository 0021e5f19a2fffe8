package io.pmtuwatch.stream.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pmtuwatch.schemas.PathDiagnosis;
import io.pmtuwatch.schemas.SubjectType;
import io.pmtuwatch.schemas.serde.AvroSerdes;
import io.pmtuwatch.stream.topology.anomaly.OpenWindow;
import io.pmtuwatch.stream.topology.internals.LinkAggregator;
import io.pmtuwatch.stream.topology.internals.LinkState;
import io.pmtuwatch.stream.topology.internals.PathAnomalyState;
import io.pmtuwatch.stream.topology.internals.PathTracker;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads this instance's own state stores (active tasks only) and renders them as JSON. */
public final class LocalViews {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Deserializer<PathDiagnosis> DIAGNOSES = AvroSerdes.deserializer(PathDiagnosis.class);

    private final KafkaStreams streams;

    public LocalViews(KafkaStreams streams) {
        this.streams = streams;
    }

    /** Every stored diagnosis, key and value bytes (the path list's source; {@link PathIndex} decodes what changed). */
    public List<KeyValue<Bytes, byte[]>> storedPaths() {
        return StoredEntries.all(streams, PathTracker.PATH_DIAGNOSES_STORE);
    }

    /** The summary line of a diagnosis as the path-diagnoses store holds it (the topology's Avro serde). */
    public static PathSummary pathSummary(byte[] storedDiagnosis) {
        return PathSummary.of(DIAGNOSES.deserialize(PathTracker.PATH_DIAGNOSES_STORE, storedDiagnosis));
    }

    /** The latest diagnosis of a path, hop list included, with its open anomalies. */
    public Optional<JsonNode> path(String pathId) {
        PathDiagnosis diagnosis = store(PathTracker.PATH_DIAGNOSES_STORE, PathDiagnosis.class).get(pathId);
        if (diagnosis == null) {
            return Optional.empty();
        }
        ObjectNode node = NODES.objectNode();
        node.set("diagnosis", AvroJson.toJson(diagnosis));
        ArrayNode anomalies = node.putArray("openAnomalies");
        PathAnomalyState state = store(PathTracker.PATH_STATE_STORE, PathAnomalyState.class).get(pathId);
        if (state != null) {
            state.openWindows().forEach(window -> anomalies.add(window(window)));
        }
        return Optional.of(node);
    }

    public List<JsonNode> links() {
        List<JsonNode> out = new ArrayList<>();
        try (KeyValueIterator<String, LinkState> it = store(LinkAggregator.LINKS_STORE, LinkState.class).all()) {
            it.forEachRemaining(entry -> out.add(link(entry.value)));
        }
        return out;
    }

    public Optional<JsonNode> link(String linkId) {
        LinkState state = store(LinkAggregator.LINKS_STORE, LinkState.class).get(linkId);
        return Optional.ofNullable(state).map(LocalViews::link);
    }

    private static JsonNode link(LinkState state) {
        ObjectNode node = (ObjectNode) AvroJson.toJson(state.toRecord());
        // Link ids hold '>' (and often ' '), which a request line must carry %-encoded: href is ready to use.
        node.put("href", href("/links/", node.path("linkId").asText()));
        return node;
    }

    /** The resource of one path or link, its id encoded for a URL path. */
    private static String href(String resource, String id) {
        return resource + QueryParams.encode(id);
    }

    public List<JsonNode> openAnomalies() {
        List<JsonNode> out = new ArrayList<>();
        try (KeyValueIterator<String, PathAnomalyState> it = store(PathTracker.PATH_STATE_STORE, PathAnomalyState.class).all()) {
            while (it.hasNext()) {
                KeyValue<String, PathAnomalyState> next = it.next();
                next.value.openWindows().forEach(window -> out.add(window(window)));
            }
        }
        try (KeyValueIterator<String, LinkState> it = store(LinkAggregator.LINKS_STORE, LinkState.class).all()) {
            while (it.hasNext()) {
                OpenWindow open = it.next().value.drop.open;
                if (open != null) {
                    out.add(window(open));
                }
            }
        }
        return out;
    }

    /** Counts for /metrics: open anomaly windows and known paths and links on this instance. */
    public long count(String storeName) {
        return store(storeName, Object.class).approximateNumEntries();
    }

    private static JsonNode window(OpenWindow window) {
        ObjectNode node = MAPPER.valueToTree(window);
        node.remove("lastEmittedMs");
        node.put("start", Instant.ofEpochMilli(window.startMs).toString());
        node.put("lastUpdate", Instant.ofEpochMilli(window.lastUpdateMs).toString());
        node.remove("startMs");
        node.remove("lastUpdateMs");
        if (window.subjectType == SubjectType.PATH) {
            node.put("subjectHref", href("/paths/", window.subject));
        } else if (window.subjectType == SubjectType.LINK) {
            node.put("subjectHref", href("/links/", window.subject));
        }
        return node;
    }

    @SuppressWarnings("unchecked")
    private <V> ReadOnlyKeyValueStore<String, V> store(String name, Class<V> type) {
        return (ReadOnlyKeyValueStore<String, V>) streams.store(
                StoreQueryParameters.fromNameAndType(name, QueryableStoreTypes.<String, Object>keyValueStore()));
    }
}
