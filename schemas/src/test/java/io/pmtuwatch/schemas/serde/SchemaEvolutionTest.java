package io.pmtuwatch.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import io.pmtuwatch.schemas.HopObservation;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The contract's compatibility rule, checked on every build: the current schema of every message type reads
 * every released version of it. A change that would make old messages unreadable fails here, with the
 * record, the version and each incompatibility named.
 */
class SchemaEvolutionTest {

    /** Enums that can never grow, so they need no default for old readers. */
    private static final Set<String> CLOSED_ENUMS = Set.of("io.pmtuwatch.schemas.IpVersion");

    @TestFactory
    Stream<DynamicTest> theCurrentSchemaReadsEveryReleasedVersion() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Class<?> type : MessageTypes.ALL) {
            Schema current = SchemaHistory.currentSchemaOf(type);
            List<Schema> released = releasedVersions(current.getName());
            for (int i = 0; i < released.size(); i++) {
                String version = "v" + (i + 1);
                Schema writer = released.get(i);
                tests.add(dynamicTest(current.getName() + " reads " + version, () -> {
                    List<String> problems = BackwardCompatibility.problems(current, writer);
                    assertThat(problems)
                            .as("The current %s cannot read messages written with its released %s. Make the change"
                                    + " backward compatible (see schemas/README.md). Incompatibilities",
                                    current.getName(), version)
                            .isEmpty();
                }));
            }
        }
        // Guards the test itself: a moved history folder must not turn this into a test of nothing.
        assertThat(tests).as("released versions found").hasSizeGreaterThanOrEqualTo(MessageTypes.ALL.size());
        return tests.stream();
    }

    @Test
    void theCheckNamesABreakingChange() {
        Schema current = HopObservation.getClassSchema();
        Schema withRequiredField = new Schema.Parser().parse(current.toString()
                .replaceFirst("\\{\"name\":\"sequence\"", "{\"name\":\"hopCount\",\"type\":\"int\"},{\"name\":\"sequence\""));
        Schema withTextSequence = new Schema.Parser().parse(current.toString()
                .replaceFirst("\"name\":\"sequence\",\"type\":\"int\"", "\"name\":\"sequence\",\"type\":\"string\""));

        assertThat(BackwardCompatibility.problems(withRequiredField, current))
                .singleElement().asString()
                .contains("READER_FIELD_MISSING_DEFAULT").contains("hopCount");
        assertThat(BackwardCompatibility.problems(withTextSequence, current))
                .singleElement().asString()
                .contains("TYPE_MISMATCH").contains("/fields/2/type");
        assertThat(BackwardCompatibility.problems(current, current)).isEmpty();
    }

    @Test
    void aNewEnumFieldWithOnlyTheEnumsDefaultIsNamedAsMissingItsFieldDefault() {
        Schema current = HopObservation.getClassSchema();
        String ecn = "{\"name\":\"ecn\",\"type\":{\"type\":\"enum\",\"name\":\"Ecn\","
                + "\"symbols\":[\"NOT_ECT\",\"CE\",\"UNKNOWN\"],\"default\":\"UNKNOWN\"}}";
        Schema withEnumField = new Schema.Parser().parse(current.toString()
                .replaceFirst("\\{\"name\":\"sequence\"", ecn + ",{\"name\":\"sequence\""));

        assertThat(BackwardCompatibility.problems(withEnumField, current))
                .singleElement().asString()
                .contains("enum type Ecn needs a field default");
    }

    @Test
    void everyOpenEnumHasADefaultSoThatOldReadersSurviveNewSymbols() {
        Set<String> withoutDefault = new LinkedHashSet<>();
        for (Class<?> type : MessageTypes.ALL) {
            collectEnumsWithoutDefault(SchemaHistory.currentSchemaOf(type), new LinkedHashSet<>(), withoutDefault);
        }
        withoutDefault.removeAll(CLOSED_ENUMS);

        assertThat(withoutDefault)
                .as("enums without a default: a reader on an older schema fails on any symbol added later")
                .isEmpty();
    }

    private static void collectEnumsWithoutDefault(Schema schema, Set<String> seen, Set<String> found) {
        switch (schema.getType()) {
            case ENUM -> {
                if (schema.getEnumDefault() == null) {
                    found.add(schema.getFullName());
                }
            }
            case RECORD -> {
                if (seen.add(schema.getFullName())) {
                    schema.getFields().forEach(field -> collectEnumsWithoutDefault(field.schema(), seen, found));
                }
            }
            case UNION -> schema.getTypes().forEach(branch -> collectEnumsWithoutDefault(branch, seen, found));
            case ARRAY -> collectEnumsWithoutDefault(schema.getElementType(), seen, found);
            case MAP -> collectEnumsWithoutDefault(schema.getValueType(), seen, found);
            default -> {
                // primitives and fixed carry no symbols
            }
        }
    }

    /** Released versions straight from the class path (v1, v2, ... until the first gap). */
    private static List<Schema> releasedVersions(String record) {
        List<Schema> versions = new ArrayList<>();
        for (int number = 1; ; number++) {
            String path = "/io/pmtuwatch/schemas/history/" + record + "/v" + number + ".avsc";
            try (InputStream in = SchemaEvolutionTest.class.getResourceAsStream(path)) {
                if (in == null) {
                    return versions;
                }
                versions.add(new Schema.Parser().parse(in));
            } catch (IOException e) {
                throw new AssertionError("cannot read " + path, e);
            }
        }
    }
}
