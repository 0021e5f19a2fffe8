package io.pmtuwatch.stream.sink;

import java.util.Map;
import java.util.Objects;

/**
 * One document the sink writes, with how a second write of the same id must behave.
 *
 * @param index   target index
 * @param id      deterministic id: a replay writes the same id again
 * @param source  the document
 * @param write   how it is written
 * @param version for {@link Write#NEWEST_WINS}: the event time in epoch millis, used as external version
 */
public record SinkDocument(String index, String id, Map<String, Object> source, Write write, long version) {

    /** How a document is written. */
    public enum Write {
        /** Immutable facts (a diagnosis, an MTU drop): a replay writes identical content. */
        OVERWRITE,
        /**
         * Changing state with an event time (anomaly windows, links): Elasticsearch's external_gte
         * versioning keeps the newest, so a late retry or a replay cannot roll a document back.
         */
        NEWEST_WINS
    }

    public SinkDocument {
        Objects.requireNonNull(index, "index");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(write, "write");
    }

    public static SinkDocument overwrite(String index, String id, Map<String, Object> source) {
        return new SinkDocument(index, id, source, Write.OVERWRITE, -1);
    }

    public static SinkDocument newestWins(String index, String id, Map<String, Object> source, long version) {
        return new SinkDocument(index, id, source, Write.NEWEST_WINS, version);
    }
}
