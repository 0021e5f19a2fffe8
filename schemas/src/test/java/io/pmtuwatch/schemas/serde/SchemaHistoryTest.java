package io.pmtuwatch.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pmtuwatch.schemas.HopObservation;
import io.pmtuwatch.schemas.LinkMtu;
import io.pmtuwatch.schemas.serde.RecordDecodeException.Reason;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class SchemaHistoryTest {

    private static final Path HISTORY_SOURCES = Path.of("src/main/resources", SchemaHistory.DEFAULT_ROOT);
    private static final Pattern RELEASE_FILE = Pattern.compile("([A-Za-z]+)/v([1-9][0-9]*)\\.avsc");
    private static final String TEST_ROOT = "io/pmtuwatch/schemas/serde/";

    private final SchemaHistory standard = SchemaHistory.standard();

    @Test
    void everyMessageTypeAcceptsItsReleasesAndItsCurrentSchemaInOrder() {
        for (Class<?> type : MessageTypes.ALL) {
            Schema current = SchemaHistory.currentSchemaOf(type);
            List<SchemaVersion> versions = standard.versionsOf(current);

            // Released versions in order, then the current schema: labelled "current" until it is
            // released, after which it is simply the newest release.
            List<String> labels = versions.stream().map(SchemaVersion::label).toList();
            assertThat(labels).as(current.getName()).startsWith("v1", "v2");
            for (int i = 0; i < labels.size() - 1; i++) {
                assertThat(labels.get(i)).isEqualTo("v" + (i + 1));
            }
            assertThat(labels.get(labels.size() - 1)).isIn("current", "v" + labels.size());
            assertThat(versions).extracting(SchemaVersion::record).containsOnly(current.getFullName());
            assertThat(versions.get(versions.size() - 1).fingerprint()).isEqualTo(Fingerprints.of(current));
        }
    }

    @Test
    void findsWhichVersionOfWhichRecordAFingerprintBelongsTo() {
        long hopV1 = Fingerprints.of(OlderWriterTest.released("HopObservation", 1));

        assertThat(standard.find(hopV1)).hasValueSatisfying(version -> {
            assertThat(version.recordSimpleName()).isEqualTo("HopObservation");
            assertThat(version.label()).isEqualTo("v1");
            assertThat(version.describe()).isEqualTo("HopObservation v1 (fingerprint " + Fingerprints.hex(hopV1) + ")");
        });
        assertThat(standard.find(0x0123456789abcdefL)).isEmpty();
    }

    @Test
    void theHistoryIsReadOnce() {
        Schema current = HopObservation.getClassSchema();

        assertThat(standard.versionsOf(current)).isSameAs(standard.versionsOf(current));
        assertThat(SchemaHistory.standard()).isSameAs(standard);
    }

    @Test
    void everyFileInTheHistoryFolderIsAContiguousReleaseOfAMessageType() throws IOException {
        Map<String, TreeSet<Integer>> releases = new TreeMap<>();
        try (Stream<Path> files = Files.walk(HISTORY_SOURCES)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String relative = HISTORY_SOURCES.relativize(file).toString().replace('\\', '/');
                Matcher name = RELEASE_FILE.matcher(relative);
                assertThat(name.matches()).as("%s should be named <Record>/v<N>.avsc", relative).isTrue();
                releases.computeIfAbsent(name.group(1), record -> new TreeSet<>()).add(Integer.parseInt(name.group(2)));
            }
        }

        assertThat(releases.keySet()).as("history folders")
                .isSubsetOf(MessageTypes.ALL.stream().map(Class::getSimpleName).collect(Collectors.toSet()));
        releases.forEach((record, numbers) -> {
            // The loader stops at the first missing number: a gap would silently hide every later release.
            assertThat(numbers).as(record + " releases").containsExactlyElementsOf(
                    IntStream.rangeClosed(1, numbers.size()).boxed().toList());
            Schema current = SchemaHistory.currentSchemaOf(MessageTypes.ALL.stream()
                    .filter(type -> type.getSimpleName().equals(record)).findFirst().orElseThrow());
            assertThat(standard.versionsOf(current)).extracting(SchemaVersion::label)
                    .containsAll(numbers.stream().map(n -> "v" + n).toList());
        });
    }

    @Test
    void aReleaseTheCurrentSchemaCannotReadStopsTheStart() {
        assertThatThrownBy(() -> load("incompatible-history", HopObservation.getClassSchema()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("incompatible-history/HopObservation/v1.avsc")
                .hasMessageContaining("READER_FIELD_MISSING_DEFAULT")
                .hasMessageContaining("sequence");
    }

    @Test
    void aReleaseInTheWrongFolderStopsTheStart() {
        assertThatThrownBy(() -> load("misfiled-history", LinkMtu.getClassSchema()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("misfiled-history/LinkMtu/v1.avsc")
                .hasMessageContaining("defines io.pmtuwatch.schemas.HopObservation");
    }

    @Test
    void anUnparseableReleaseStopsTheStart() {
        assertThatThrownBy(() -> load("garbled-history", HopObservation.getClassSchema()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Cannot read released schema")
                .hasMessageContaining("garbled-history/HopObservation/v1.avsc");
    }

    @Test
    void theDecoderReadsOnlyWhatItsHistoryKnows() {
        // Without the released v1 in its history, a reader must refuse v1 messages: the history really feeds it.
        SchemaHistory empty = load("no-such-history", HopObservation.getClassSchema());
        Schema v1 = OlderWriterTest.released("HopObservation", 1);
        byte[] oldMessage = OlderWriterTest.encode(v1, OlderWriterTest.hopObservationV1(v1));

        assertThat(empty.versionsOf(HopObservation.getClassSchema())).extracting(SchemaVersion::label)
                .containsExactly("current");
        assertThatThrownBy(() -> AvroSerdes.deserializer(HopObservation.class, SingleObjectWireFormat.over(empty))
                .deserialize("t", oldMessage))
                .isInstanceOfSatisfying(RecordDecodeException.class,
                        e -> assertThat(e.reason()).isEqualTo(Reason.UNKNOWN_SCHEMA))
                .isInstanceOf(SerializationException.class);
        assertThat(AvroSerdes.deserializer(HopObservation.class).deserialize("t", oldMessage).getSequence()).isEqualTo(3);
    }

    private static SchemaHistory load(String root, Schema current) {
        return SchemaHistory.load(SchemaHistoryTest.class.getClassLoader(), TEST_ROOT + root, List.of(current));
    }
}
