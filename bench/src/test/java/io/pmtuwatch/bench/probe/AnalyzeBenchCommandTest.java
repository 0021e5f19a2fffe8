package io.pmtuwatch.bench.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class AnalyzeBenchCommandTest {

    /** The bench times analyze as bin/pmtu-probe starts it: the two defaults must not drift apart. */
    @Test
    void benchStartsAnalyzeWithTheLaunchersDefaultJvmOptions() throws Exception {
        String launcher = Files.readString(Path.of("..", "bin", "pmtu-probe"));

        assertThat(launcher).contains("${PMTU_JAVA_OPTS-" + AnalyzeBenchCommand.LAUNCHER_DEFAULT_OPTIONS + "}");
        if (System.getenv("PMTU_JAVA_OPTS") == null) {
            assertThat(AnalyzeBenchCommand.launcherOptions()).containsExactly(AnalyzeBenchCommand.LAUNCHER_DEFAULT_OPTIONS);
        }
    }
}
