package io.pmtuwatch.bench.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScaleRunWorkDirTest {

    @TempDir
    Path xdg;

    @Test
    void theDefaultWorkDirLiesBesideTheProcessorsStateNotInTmp() throws Exception {
        Path work = ScaleRun.defaultWorkDir(Map.of("XDG_STATE_HOME", xdg.toString()));

        assertThat(work.getParent()).isEqualTo(xdg.resolve("pmtu-watch"));
        assertThat(work.getFileName().toString()).startsWith("scale-run-");
        assertThat(work).isEmptyDirectory();
        assertThat(ScaleRun.defaultWorkDir(Map.of("XDG_STATE_HOME", xdg.toString()))).isNotEqualTo(work);
    }

    @Test
    void droppingTheInstancesStateKeepsTheirLogs() throws Exception {
        Path work = Files.createDirectories(xdg.resolve("run"));
        for (int i = 0; i < 2; i++) {
            Path store = Files.createDirectories(ScaleRun.instanceState(work, i).resolve("scale-app/0_1/rocksdb/runs"));
            Files.writeString(store.resolve("000001.sst"), "state");
            Files.writeString(work.resolve("instance-" + i + ".log"), "log");
        }

        ScaleRun.dropInstanceState(work, 2);

        assertThat(ScaleRun.instanceState(work, 0)).doesNotExist();
        assertThat(ScaleRun.instanceState(work, 1)).doesNotExist();
        assertThat(work.resolve("instance-0.log")).hasContent("log");
        assertThat(work.resolve("instance-1.log")).hasContent("log");
    }
}
