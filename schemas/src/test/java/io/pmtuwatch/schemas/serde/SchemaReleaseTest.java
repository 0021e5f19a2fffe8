package io.pmtuwatch.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pmtuwatch.schemas.HopObservation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SchemaReleaseTest {

    @TempDir
    Path history;

    private final Schema current = HopObservation.getClassSchema();

    @Test
    void theFirstReleaseIsAStandaloneCopyOfTheCurrentSchema() throws IOException {
        Optional<Path> written = SchemaRelease.release(history, current);

        assertThat(written).contains(history.resolve("HopObservation/v1.avsc"));
        String text = Files.readString(written.orElseThrow());
        assertThat(text).doesNotContain("avro.java.string");
        // A fresh parser, as the loader uses: shared types must be inlined.
        Schema parsed = new Schema.Parser().parse(text);
        assertThat(Fingerprints.of(parsed)).isEqualTo(Fingerprints.of(current));
        assertThat(parsed.getField("agent").schema().getField("location").schema().isNullable()).isTrue();
        assertThat(parsed.getDoc()).isEqualTo(current.getDoc());
    }

    @Test
    void anUnchangedSchemaIsNotReleasedTwice() throws IOException {
        SchemaRelease.release(history, current);

        assertThat(SchemaRelease.release(history, current)).isEmpty();
        assertThat(history.resolve("HopObservation/v2.avsc")).doesNotExist();
    }

    @Test
    void aChangedSchemaBecomesTheNextVersion() throws IOException {
        Path folder = Files.createDirectories(history.resolve("HopObservation"));
        Files.writeString(folder.resolve("v1.avsc"), OlderWriterTest.released("HopObservation", 1).toString());

        assertThat(SchemaRelease.release(history, current)).contains(folder.resolve("v2.avsc"));
    }

    @Test
    void aSchemaThatCannotReadAnEarlierReleaseIsRefused() throws IOException {
        Path folder = Files.createDirectories(history.resolve("HopObservation"));
        Files.writeString(folder.resolve("v1.avsc"), "{\"type\":\"record\",\"name\":\"HopObservation\","
                + "\"namespace\":\"io.pmtuwatch.schemas\",\"fields\":[{\"name\":\"sequence\",\"type\":\"string\"}]}");

        assertThatThrownBy(() -> SchemaRelease.release(history, current))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("cannot read v1")
                .hasMessageContaining("TYPE_MISMATCH");
        assertThat(folder.resolve("v2.avsc")).doesNotExist();
    }
}
