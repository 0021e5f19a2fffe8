package io.pmtuwatch.schemas.serde;

import static java.util.stream.Collectors.joining;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;
import org.apache.avro.specific.SpecificData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every writer schema a reader must accept: the released versions kept as resources in
 * {@code io/pmtuwatch/schemas/history/<Record>/v<N>.avsc} (numbered from 1 without gaps) plus the current
 * schema compiled into the generated class. Each record's versions are read and checked once, then cached;
 * decoding never parses a schema.
 *
 * <p>Released files are self-contained (nested types inlined), because a version must keep meaning what it
 * meant when it was released even after the shared types in {@code common/} evolve.
 */
public final class SchemaHistory {

    private static final Logger LOG = LoggerFactory.getLogger(SchemaHistory.class);

    static final String DEFAULT_ROOT = "io/pmtuwatch/schemas/history";

    private final ClassLoader loader;
    private final String root;
    private final ConcurrentMap<String, List<SchemaVersion>> versionsByRecord = new ConcurrentHashMap<>();
    private final ConcurrentMap<Long, SchemaVersion> versionsByFingerprint = new ConcurrentHashMap<>();

    private SchemaHistory(ClassLoader loader, String root) {
        this.loader = loader;
        this.root = root;
    }

    /** The history shipped in this jar, with every {@link MessageTypes message type} loaded up front. */
    public static SchemaHistory standard() {
        return Standard.INSTANCE;
    }

    /**
     * Loads the history below {@code root} on the class path for the given current schemas.
     *
     * @throws IllegalStateException when a released file is unreadable, names another record, or cannot be
     *     read by the current schema: such a jar must not start rather than fail on the first old message
     */
    static SchemaHistory load(ClassLoader loader, String root, List<Schema> currentSchemas) {
        SchemaHistory history = new SchemaHistory(loader, root);
        currentSchemas.forEach(history::versionsOf);
        return history;
    }

    /**
     * Every version a reader with this current schema accepts, oldest first. The current schema comes last
     * unless it is identical (same fingerprint) to the newest release, which then stands for it.
     */
    public List<SchemaVersion> versionsOf(Schema current) {
        return versionsByRecord.computeIfAbsent(current.getFullName(), name -> index(readVersions(current)));
    }

    /** The version with this fingerprint, among the message types and the records asked for so far. */
    public Optional<SchemaVersion> find(long fingerprint) {
        return Optional.ofNullable(versionsByFingerprint.get(fingerprint));
    }

    private List<SchemaVersion> index(List<SchemaVersion> versions) {
        versions.forEach(version -> versionsByFingerprint.put(version.fingerprint(), version));
        return versions;
    }

    private List<SchemaVersion> readVersions(Schema current) {
        List<SchemaVersion> versions = new ArrayList<>();
        for (int number = 1; ; number++) {
            String path = root + "/" + current.getName() + "/v" + number + ".avsc";
            Optional<Schema> released = parse(path);
            if (released.isEmpty()) {
                break;
            }
            checkReleased(path, released.get(), current);
            versions.add(SchemaVersion.released(number, released.get()));
        }
        long currentFingerprint = Fingerprints.of(current);
        if (versions.stream().noneMatch(version -> version.fingerprint() == currentFingerprint)) {
            versions.add(SchemaVersion.current(current));
        }
        LOG.info("{} accepts writer schemas {}", current.getName(),
                versions.stream().map(version -> version.label() + "=" + Fingerprints.hex(version.fingerprint()))
                        .collect(joining(", ")));
        return List.copyOf(versions);
    }

    private Optional<Schema> parse(String path) {
        try (InputStream in = loader.getResourceAsStream(path)) {
            if (in == null) {
                return Optional.empty();
            }
            // A fresh parser per file: every release is standalone and must not see another file's types.
            return Optional.of(new Schema.Parser().parse(in));
        } catch (IOException | SchemaParseException e) {
            throw new IllegalStateException("Cannot read released schema " + path + ": " + e.getMessage(), e);
        }
    }

    private static void checkReleased(String path, Schema released, Schema current) {
        if (!released.getFullName().equals(current.getFullName())) {
            throw new IllegalStateException("Released schema " + path + " defines " + released.getFullName()
                    + ", expected " + current.getFullName() + ": the file sits in the wrong folder");
        }
        List<String> problems = BackwardCompatibility.problems(current, released);
        if (!problems.isEmpty()) {
            throw new IllegalStateException("The current " + current.getName() + " cannot read messages written with "
                    + path + ", so old messages would be lost: " + String.join("; ", problems)
                    + ". Make the change backward compatible (new fields need defaults; new enum symbols rely on"
                    + " the enum default).");
        }
    }

    /** Current schema of a generated record class (its {@code SCHEMA$}). */
    static Schema currentSchemaOf(Class<?> recordType) {
        return SpecificData.getForClass(recordType).getSchema(recordType);
    }

    // Holder idiom: the standard history is read once, on first use, without locking afterwards.
    private static final class Standard {
        static final SchemaHistory INSTANCE = load(SchemaHistory.class.getClassLoader(), DEFAULT_ROOT,
                MessageTypes.ALL.stream().map(SchemaHistory::currentSchemaOf).toList());
    }
}
