package io.pmtuwatch.stream.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StateDirectoriesTest {

    @TempDir
    Path dir;

    @Test
    void theDefaultIsThePerUserStateDirectoryNotTmp() {
        Path home = Path.of("/home/someone");
        assertThat(StateDirectories.resolve("", Map.of("XDG_STATE_HOME", "/var/state/someone"), home))
                .isEqualTo(Path.of("/var/state/someone/pmtu-watch/streams"));
        assertThat(StateDirectories.resolve("", Map.of(), home))
                .isEqualTo(Path.of("/home/someone/.local/state/pmtu-watch/streams"));
        assertThat(StateDirectories.resolve("", Map.of("XDG_STATE_HOME", " "), home))
                .isEqualTo(Path.of("/home/someone/.local/state/pmtu-watch/streams"));
        assertThat(StateDirectories.resolve("/data/streams", Map.of("XDG_STATE_HOME", "/x"), home))
                .isEqualTo(Path.of("/data/streams"));
    }

    @Test
    void theLoadedConfigurationTakesTheDefaultFromTheEnvironmentAndPmtuStateDirWins() {
        assertThat(ConfigLoader.load(Optional.empty(), Map.of("XDG_STATE_HOME", dir.toString())).stateDir())
                .isEqualTo(dir.resolve("pmtu-watch/streams"));
        assertThat(ConfigLoader.load(Optional.empty(), Map.of("XDG_STATE_HOME", dir.toString(),
                "PMTU_STATE_DIR", "/var/lib/pmtu-streams")).stateDir()).isEqualTo(Path.of("/var/lib/pmtu-streams"));
        assertThat(Settings.STATE_DIR.defaultValue()).isEmpty();
    }

    @Test
    void preparingCreatesTheDirectoryAndRefusesOneThatCannotBe() throws IOException {
        Path nested = dir.resolve("a/b/streams");
        StateDirectories.prepare(nested);
        assertThat(nested).isDirectory();

        Path file = Files.writeString(dir.resolve("a-file"), "x");
        assertThatThrownBy(() -> StateDirectories.prepare(file.resolve("streams")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(file.resolve("streams").toString()).hasMessageContaining("state.dir");
    }
}
