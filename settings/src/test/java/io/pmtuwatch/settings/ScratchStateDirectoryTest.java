package io.pmtuwatch.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScratchStateDirectoryTest {

    @TempDir
    Path xdg;

    @Test
    void liesBesideTheProcessorsStateAndIsGoneAfterTheRunEvenWhenItFails() throws Exception {
        Path[] seen = new Path[1];
        assertThatThrownBy(() -> {
            try (ScratchStateDirectory root = ScratchStateDirectory.create(Map.of("XDG_STATE_HOME", xdg.toString()), "bench-stream-")) {
                seen[0] = root.path();
                Path store = Files.createDirectories(root.path().resolve("bench-topology-x/0_1/runs"));
                Files.writeString(store.resolve("committed.log"), "state");
                throw new IllegalStateException("topology did not start");
            }
        }).hasMessage("topology did not start");

        assertThat(seen[0].getParent()).isEqualTo(xdg.resolve("pmtu-watch"));
        assertThat(seen[0].getFileName().toString()).startsWith("bench-stream-");
        assertThat(seen[0]).doesNotExist();
        assertThat(xdg.resolve("pmtu-watch")).isEmptyDirectory();
    }
}
