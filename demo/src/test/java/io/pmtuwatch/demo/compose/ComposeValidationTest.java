package io.pmtuwatch.demo.compose;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The Compose tools themselves accept docker-compose.yml (no Docker engine needed): Debian's
 * docker-compose 1.29, which bin/setup installs, and Compose v2 where the docker CLI has it.
 */
class ComposeValidationTest {

    private final Path root = RepositoryRoot.find();

    @Test
    void dockerComposeV1AcceptsTheFile() throws Exception {
        Optional<ComposeCli> v1 = ComposeCli.v1();
        assumeTrue(v1.isPresent(), "docker-compose is not installed (apt-get install docker-compose; bin/setup does):"
                + " docker-compose.yml NOT validated");
        ComposeCli.Result result = v1.get().run(root, "-f", "docker-compose.yml", "config", "-q");
        assertThat(result.exitCode()).as("docker-compose config -q:\n" + result.output()).isZero();
    }

    @Test
    void composeV2AcceptsTheFileWhereInstalled() throws Exception {
        Optional<ComposeCli> v2 = ComposeCli.v2();
        assumeTrue(v2.isPresent(), "docker compose (v2 plugin) is not installed: only v1 validated the file");
        ComposeCli.Result result = v2.get().run(root, "-f", "docker-compose.yml", "config", "--quiet");
        assertThat(result.exitCode()).as("docker compose config --quiet:\n" + result.output()).isZero();
    }

    /** "A second agent can be added by copying one block": the commented block, uncommented, is valid. */
    @Test
    void theCommentedSecondAgentBlockIsValidWhenUncommented() throws Exception {
        Optional<ComposeCli> v1 = ComposeCli.v1();
        assumeTrue(v1.isPresent(), "docker-compose is not installed (apt-get install docker-compose)");
        List<String> lines = Files.readAllLines(root.resolve("docker-compose.yml"));
        List<String> withSecond = new ArrayList<>();
        boolean inBlock = false;
        for (String line : lines) {
            if (line.equals("  # probe-agent-2:")) {
                inBlock = true;
            } else if (inBlock && !line.startsWith("  #")) {
                inBlock = false;
            }
            withSecond.add(inBlock ? "  " + line.substring("  # ".length()) : line);
        }
        Path file = Files.createTempFile(root.resolve("demo/target"), "compose-two-agents", ".yml");
        try {
            Files.write(file, withSecond);
            ComposeCli.Result result = v1.get().run(root, "-f", file.toString(), "--project-directory", root.toString(),
                    "config");
            assertThat(result.exitCode()).as(result.output()).isZero();
            assertThat(result.output()).contains("probe-agent-2:").contains("PMTU_AGENT_ID: compose-agent-2")
                    .contains("PMTU_AGENT_ID: compose-agent-1");
            String second = result.output().substring(result.output().indexOf("  probe-agent-2:"));
            assertThat(second).contains("NET_RAW").contains("NET_ADMIN").contains("/etc/pmtu-watch/targets.yml");
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
