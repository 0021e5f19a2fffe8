package io.pmtuwatch.stream.sink;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * dashboards/src/generate_saved_objects.py is the source of the Kibana saved objects; the committed
 * dashboards/pmtu-watch.ndjson is what ships. A hand edit of the NDJSON (which the next run of the
 * generator would delete) or a generator change not run fails here.
 */
class DashboardsMatchGeneratorTest {

    private static final Path DASHBOARDS = Path.of("..", "dashboards");

    @Test
    void committedNdjsonIsWhatTheGeneratorWrites(@TempDir Path dir) throws Exception {
        Path generated = dir.resolve("pmtu-watch.ndjson");
        Process python = start("python3", DASHBOARDS.resolve("src/generate_saved_objects.py").toString(),
                "--out", generated.toString());
        assertThat(python.waitFor(60, TimeUnit.SECONDS)).as("generator finished").isTrue();
        assertThat(python.exitValue()).as("generator exit code").isZero();

        assertThat(Files.readString(DASHBOARDS.resolve("pmtu-watch.ndjson")))
                .as("dashboards/pmtu-watch.ndjson differs from the generator's output: edit"
                        + " dashboards/src/generate_saved_objects.py, run it, commit both")
                .isEqualTo(Files.readString(generated));
    }

    private static Process start(String... command) throws IOException {
        try {
            return new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            throw new IOException("python3 runs the dashboards generator; install it (bin/setup does)", e);
        }
    }
}
