package io.pmtuwatch.schemas.serde;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecordBase;

/**
 * Developer tool (not shipped): freezes the current schema of message records as the next {@code v<N>.avsc}
 * in the history folder, standalone (shared types inlined, Java-only hints dropped). Records unchanged since
 * their newest release are skipped; a change the current schema cannot read back is refused.
 *
 * <p>Run it from the repository root with plain {@code java} (no exec plugin needed offline); the exact
 * commands are in schemas/README.md. Arguments: record names such as {@code HopObservation}; none means
 * every message type.
 */
public final class SchemaRelease {

    private static final ObjectMapper JSON = new ObjectMapper();

    private SchemaRelease() {
    }

    public static void main(String[] args) throws IOException {
        Path history = historySources();
        for (Class<? extends SpecificRecordBase> type : selected(args)) {
            Schema current = SchemaHistory.currentSchemaOf(type);
            Optional<Path> written = release(history, current);
            System.out.println(written.map(file -> "released " + file)
                    .orElse(current.getName() + " is unchanged since its newest release"));
        }
    }

    /**
     * Writes the current schema as the next version below {@code historyRoot}, unless the newest release
     * already has its fingerprint.
     *
     * @return the file written, or empty when there was nothing to release
     * @throws IllegalStateException when the current schema cannot read an earlier release
     */
    static Optional<Path> release(Path historyRoot, Schema current) throws IOException {
        Path folder = historyRoot.resolve(current.getName());
        List<Schema> released = readReleases(folder);
        if (!released.isEmpty() && Fingerprints.of(released.get(released.size() - 1)) == Fingerprints.of(current)) {
            return Optional.empty();
        }
        for (int i = 0; i < released.size(); i++) {
            List<String> problems = BackwardCompatibility.problems(current, released.get(i));
            if (!problems.isEmpty()) {
                throw new IllegalStateException("Not released: the current " + current.getName() + " cannot read v"
                        + (i + 1) + ": " + String.join("; ", problems));
            }
        }
        Files.createDirectories(folder);
        Path file = folder.resolve("v" + (released.size() + 1) + ".avsc");
        Files.writeString(file, standalone(current), StandardOpenOption.CREATE_NEW);
        return Optional.of(file);
    }

    /** The schema as a self-contained, pretty-printed .avsc without the code generator's Java hints. */
    static String standalone(Schema schema) {
        try {
            JsonNode tree = withoutJavaHints(JSON.readTree(schema.toString()));
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(tree) + "\n";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // {"type":"string","avro.java.string":"String"} is only an instruction to the Java code generator.
    private static JsonNode withoutJavaHints(JsonNode node) {
        if (node instanceof ObjectNode object) {
            object.remove("avro.java.string");
            if (object.size() == 1 && object.path("type").isTextual()) {
                return TextNode.valueOf(object.get("type").asText());
            }
            for (Map.Entry<String, JsonNode> field : object.properties()) {
                field.setValue(withoutJavaHints(field.getValue()));
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                array.set(i, withoutJavaHints(array.get(i)));
            }
        }
        return node;
    }

    private static List<Schema> readReleases(Path folder) throws IOException {
        List<Schema> releases = new ArrayList<>();
        for (int number = 1; Files.exists(folder.resolve("v" + number + ".avsc")); number++) {
            releases.add(new Schema.Parser().parse(folder.resolve("v" + number + ".avsc").toFile()));
        }
        return releases;
    }

    private static List<Class<? extends SpecificRecordBase>> selected(String[] names) {
        if (names.length == 0) {
            return MessageTypes.ALL;
        }
        return Arrays.stream(names)
                .<Class<? extends SpecificRecordBase>>map(name -> MessageTypes.ALL.stream().filter(type -> type.getSimpleName().equals(name)).findFirst()
                        .orElseThrow(() -> new IllegalArgumentException("Not a message type: " + name + "; known: "
                                + MessageTypes.ALL.stream().map(Class::getSimpleName).toList())))
                .toList();
    }

    // exec:java runs in the directory Maven was started from: the repository root or the module.
    private static Path historySources() {
        Path inModule = Path.of("src/main/resources", SchemaHistory.DEFAULT_ROOT);
        Path fromRoot = Path.of("schemas").resolve(inModule);
        return Files.isDirectory(fromRoot) ? fromRoot : inModule;
    }
}
