package io.pmtuwatch.schemas.serde;

import java.util.OptionalLong;
import org.apache.kafka.common.errors.SerializationException;

/**
 * A message that cannot be decoded into the expected record. It extends Kafka's
 * {@link SerializationException}, so Kafka Streams hands it to the deserialization exception handler
 * (and from there to the dead-letter topic) like any other bad record; {@link #reason()} lets a handler
 * tell the cases apart without parsing the message.
 */
public class RecordDecodeException extends SerializationException {

    private static final long serialVersionUID = 1L;

    /** Why decoding failed. */
    public enum Reason {
        /** The bytes do not start with the wire format's header: not written by our serde at all. */
        BAD_HEADER,
        /** The header names a writer schema this reader does not know (newer, unreleased or foreign). */
        UNKNOWN_SCHEMA,
        /** The header is fine and the writer schema known, but the body does not decode: corrupt or truncated. */
        MALFORMED_BODY,
        /** The writer schema belongs to another record: the message is on the wrong topic. */
        WRONG_RECORD_TYPE
    }

    private final Reason reason;
    private final String topic;
    private final String expectedRecord;
    private final Long fingerprint;

    /**
     * For wire formats; the factory methods below word the messages of the single-object format.
     *
     * @param fingerprint the writer schema's fingerprint (or schema id), null when the header was unreadable
     */
    public RecordDecodeException(Reason reason, String topic, String expectedRecord, Long fingerprint, String message,
            Throwable cause) {
        super(message, cause);
        this.reason = reason;
        this.topic = topic;
        this.expectedRecord = expectedRecord;
        this.fingerprint = fingerprint;
    }

    static RecordDecodeException badHeader(String topic, String expectedRecord, String problem) {
        return new RecordDecodeException(Reason.BAD_HEADER, topic, expectedRecord, null,
                prefix(topic, expectedRecord) + problem + ". It was not written by pmtu-watch's Avro serde (plain JSON,"
                        + " another serializer, or a registry-framed message?): fix the producer of this topic;"
                        + " the message itself cannot be recovered.",
                null);
    }

    static RecordDecodeException unknownSchema(String topic, String expectedRecord, long fingerprint,
            String knownVersions) {
        return new RecordDecodeException(Reason.UNKNOWN_SCHEMA, topic, expectedRecord, fingerprint,
                prefix(topic, expectedRecord) + "it was written with schema fingerprint " + Fingerprints.hex(fingerprint)
                        + ", which this reader does not know (it knows " + knownVersions + "). The producer runs a"
                        + " newer or unreleased schema: release that version into the schema history and upgrade"
                        + " this consumer's schemas jar, then replay the message.",
                null);
    }

    static RecordDecodeException wrongRecordType(String topic, String expectedRecord, SchemaVersion writer) {
        return new RecordDecodeException(Reason.WRONG_RECORD_TYPE, topic, expectedRecord, writer.fingerprint(),
                prefix(topic, expectedRecord) + "it is a " + writer.describe() + ". The topic carries the wrong"
                        + " record type: check the topic names configured in its producer and in this consumer.",
                null);
    }

    static RecordDecodeException malformedBody(String topic, String expectedRecord, SchemaVersion writer,
            String problem, Throwable cause) {
        return new RecordDecodeException(Reason.MALFORMED_BODY, topic, expectedRecord, writer.fingerprint(),
                prefix(topic, expectedRecord) + "the header names " + writer.describe() + " but the body " + problem
                        + ". The message is corrupt or truncated; it cannot be recovered, look for the"
                        + " producer or tool that damaged it.",
                cause);
    }

    private static String prefix(String topic, String expectedRecord) {
        return "Cannot decode a " + expectedRecord + " from topic '" + topic + "': ";
    }

    public Reason reason() {
        return reason;
    }

    /** Topic the message was read from, as passed to the deserializer (may be null outside Kafka). */
    public String topic() {
        return topic;
    }

    /** Simple name of the record the deserializer expected, e.g. {@code PathDiagnosis}. */
    public String expectedRecord() {
        return expectedRecord;
    }

    /** Writer schema fingerprint from the header; empty when the header itself was unreadable. */
    public OptionalLong fingerprint() {
        return fingerprint == null ? OptionalLong.empty() : OptionalLong.of(fingerprint);
    }
}
