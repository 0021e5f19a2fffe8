package io.pmtuwatch.probe.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pmtuwatch.probe.handshake.MssMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentConfigLoaderTest {

    private static final Map<String, String> MINIMAL_ENV = Map.of(
            "PMTU_AGENT_ID", "fra-1",
            "PMTU_KAFKA_BOOTSTRAP_SERVERS", "kafka:9092",
            "PMTU_TARGETS_FILE", "/etc/pmtu/targets.yaml");

    private static List<String> problems(Map<AgentSetting, String> options, Map<String, String> env, Path file) {
        try {
            AgentConfigLoader.load(options, env, file);
        } catch (ConfigException e) {
            return e.problems();
        }
        throw new AssertionError("expected the configuration to be rejected");
    }

    @Test
    void environmentAloneIsEnoughAndDefaultsApply() throws Exception {
        AgentConfig config = AgentConfigLoader.load(Map.of(), MINIMAL_ENV, null);

        assertThat(config.agentId()).isEqualTo("fra-1");
        assertThat(config.agentName()).isNull();
        assertThat(config.bootstrapServers()).isEqualTo("kafka:9092");
        assertThat(config.targetsFile()).isEqualTo(Path.of("/etc/pmtu/targets.yaml"));
        assertThat(config.maxConcurrentRuns()).isEqualTo(4);
        assertThat(config.jitter()).isEqualTo(0.1);
        assertThat(config.handshakeTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(config.mssMode()).isEqualTo(MssMode.AUTO);
        assertThat(config.hopTopic()).isEqualTo("pmtu.hop-observations");
        assertThat(config.handshakeTopic()).isEqualTo("pmtu.handshake-observations");
        assertThat(config.shutdownGrace()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.agent().getId()).isEqualTo("fra-1");
    }

    @Test
    void optionBeatsEnvironmentBeatsFile(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("agent.yaml"), """
                agent.id: from-file
                agent.name: edge one
                agent.location: Frankfurt, DE
                max-concurrent-runs: 8
                mss.method: tcp_info
                """);
        Map<String, String> env = Map.of("PMTU_AGENT_ID", "from-env", "KAFKA_BOOTSTRAP_SERVERS", "a:1,b:2",
                "PMTU_TARGETS_FILE", "t.yaml", "PMTU_MAX_CONCURRENT_RUNS", "2");

        AgentConfig config = AgentConfigLoader.load(Map.of(AgentSetting.AGENT_ID, "from-option"), env, file);

        assertThat(config.agentId()).isEqualTo("from-option");
        assertThat(config.maxConcurrentRuns()).isEqualTo(2);
        assertThat(config.agentName()).isEqualTo("edge one");
        assertThat(config.agentLocation()).isEqualTo("Frankfurt, DE");
        assertThat(config.mssMode()).isEqualTo(MssMode.TCP_INFO);
        assertThat(config.bootstrapServers()).isEqualTo("a:1,b:2");
    }

    @Test
    void everyProblemIsListedWithItsSource(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("agent.yaml"), "jitter: 0.9\nagent_idd: x\n");
        Map<String, String> env = Map.of("PMTU_AGENT_ID", "fra|1", "PMTU_MAX_CONCURRENT_RUNS", "many",
                "PMTU_TARGETS_FILE", "t.yaml");

        assertThat(problems(Map.of(AgentSetting.HANDSHAKE_TIMEOUT, "5ms"), env, file)).containsExactly(
                file + ":2:1: unknown key 'agent_idd'",
                "agent.id 'fra|1' (from env PMTU_AGENT_ID): expected letters, digits, '.', '_' or '-', at most 64",
                "kafka.bootstrap.servers is required: set --bootstrap-servers, env PMTU_KAFKA_BOOTSTRAP_SERVERS"
                        + " or 'kafka.bootstrap.servers' in the config file",
                "max-concurrent-runs 'many' (from env PMTU_MAX_CONCURRENT_RUNS): expected a number 1-256",
                "jitter '0.9' (from " + file + ":1:1): expected a fraction 0-0.5",
                "handshake.timeout '5ms' (from --handshake-timeout): expected a duration 100ms-60s");
    }

    @Test
    void kafkaClientConfigFileIsReadAndCheckedAtStart(@TempDir Path dir) throws Exception {
        Path good = Files.writeString(dir.resolve("client.properties"),
                "security.protocol=SASL_SSL\nsasl.mechanism=SCRAM-SHA-512\n");
        Map<String, String> env = new java.util.HashMap<>(MINIMAL_ENV);
        env.put("PMTU_KAFKA_CONFIG", good.toString());

        assertThat(AgentConfigLoader.load(Map.of(), env, null).kafkaClientConfig())
                .containsEntry("security.protocol", "SASL_SSL").containsEntry("sasl.mechanism", "SCRAM-SHA-512");

        Path bad = Files.writeString(dir.resolve("bad.properties"), "security.protocol=SSL\nenable.idempotence=false\n");
        assertThat(problems(Map.of(AgentSetting.KAFKA_CONFIG, bad.toString()), MINIMAL_ENV, null)).containsExactly(
                "kafka.config (from --kafka-config): " + bad + " line 2: enable.idempotence cannot be set here:"
                        + " observations must not be lost or doubled by retries");
    }

    @Test
    void unreadableConfigFileIsAProblem(@TempDir Path dir) {
        Path missing = dir.resolve("none.yaml");
        assertThatThrownBy(() -> AgentConfigLoader.load(Map.of(), MINIMAL_ENV, missing))
                .isInstanceOf(ConfigException.class).hasMessageContaining(missing + ": cannot read config file");
    }

    @Test
    void everySettingHasADistinctEnvVarAndKey() {
        assertThat(List.of(AgentSetting.values())).extracting(AgentSetting::envVar).doesNotHaveDuplicates();
        assertThat(List.of(AgentSetting.values())).extracting(AgentSetting::configKey).doesNotHaveDuplicates();
        assertThat(AgentSetting.JITTER.help()).isEqualTo("Random spread of each run's start, as a fraction of the"
                + " interval, 0-0.5. Env PMTU_JITTER, config key jitter, default 0.1.");
    }

    @Test
    void thePreviousReleasesNamesStillWork(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("agent.yaml"), """
                agent_id: from-file
                max_concurrent_runs: 8
                shutdown_grace: 45
                """);
        Map<String, String> env = Map.of("KAFKA_BOOTSTRAP_SERVERS", "old:9092", "PMTU_HOP_TOPIC", "old.hops",
                "PMTU_TARGETS_FILE", "t.yaml", "PMTU_HANDSHAKE_TIMEOUT", "PT2S");

        AgentConfig config = AgentConfigLoader.load(Map.of(), env, file);

        assertThat(config.agentId()).isEqualTo("from-file");
        assertThat(config.maxConcurrentRuns()).isEqualTo(8);
        assertThat(config.bootstrapServers()).isEqualTo("old:9092");
        assertThat(config.hopTopic()).isEqualTo("old.hops");
        assertThat(config.shutdownGrace()).isEqualTo(Duration.ofSeconds(45));
        assertThat(config.handshakeTimeout()).isEqualTo(Duration.ofSeconds(2));
    }
}
