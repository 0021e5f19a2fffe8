package io.pmtuwatch.demo.compose;

import io.pmtuwatch.probe.agent.AgentConfig;
import io.pmtuwatch.probe.agent.AgentConfigLoader;
import io.pmtuwatch.probe.agent.TargetsFileParser;
import io.pmtuwatch.schemas.Topics;
import io.pmtuwatch.stream.config.ConfigLoader;
import io.pmtuwatch.stream.config.ProcessorConfig;
import io.pmtuwatch.stream.config.TopicNames;
import org.apache.kafka.server.config.AbstractKafkaConfig;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docker-compose.yml agrees with the code: every variable it sets for our apps is one they read
 * (derived from the code, see {@link KnownEnvironment}), the topics the set-up job creates are the
 * contract's and the apps' defaults, the images follow the pom's versions, and the start order is
 * expressed with health checks and depends_on conditions.
 */
class ComposeFileTest {


    private ComposeFile compose;

    @BeforeEach
    void load() throws Exception {
        compose = ComposeFile.load(RepositoryRoot.find());
    }

    @Test
    void everyVariableSetForOurAppsIsOneTheyRead() {
        Map<String, Set<String>> unknown = new TreeMap<>();
        List<String> checked = new ArrayList<>();
        for (String service : compose.services().keySet()) {
            Optional<String> target = compose.buildTarget(service);
            if (target.isEmpty()) {
                continue; // third-party image (Kafka, Elasticsearch, Kibana): not our settings
            }
            String subcommand = compose.subcommand(service)
                    .orElseThrow(() -> new AssertionError(service + ": give the command explicitly"));
            Set<String> known = KnownEnvironment.readBy(KnownEnvironment.appOf(target.get()), subcommand);
            Set<String> set = new TreeSet<>(compose.environment(service).keySet());
            set.removeAll(known);
            if (!set.isEmpty()) {
                unknown.put(service + " (" + subcommand + ", reads " + known + ")", set);
            }
            checked.add(service);
        }
        assertThat(checked).contains("setup", "stream-processor", "sink", "probe-agent-1");
        assertThat(unknown).as("variables that no code reads (typo? wrong service?)").isEmpty();
    }

    @Test
    void everyBrokerVariableIsASettingOfThePinnedKafka() {
        // The official image turns KAFKA_A_B into a.b; a broker ignores a property it does not know, with only
        // a warning in its log, so a misspelt one would leave the stack on the default without anyone seeing it.
        Set<String> brokerSettings = Set.copyOf(AbstractKafkaConfig.CONFIG_DEF.names());
        Set<String> imageOwn = Set.of("KAFKA_HEAP_OPTS", "KAFKA_OPTS", "KAFKA_JVM_PERFORMANCE_OPTS", "KAFKA_LOG4J_OPTS");
        Map<String, String> environment = compose.environment("kafka");
        List<String> unknown = new ArrayList<>();
        for (String variable : environment.keySet()) {
            if (variable.startsWith("KAFKA_") && !imageOwn.contains(variable)) {
                String setting = variable.substring("KAFKA_".length()).toLowerCase(Locale.ROOT).replace('_', '.');
                if (!brokerSettings.contains(setting)) {
                    unknown.add(variable + " (" + setting + ")");
                }
            }
        }
        assertThat(environment).containsKeys("KAFKA_NODE_ID", "KAFKA_ADD_PARTITIONS_TO_TXN_RETRY_BACKOFF_MAX_MS");
        assertThat(unknown).as("broker variables that name no setting of this Kafka version").isEmpty();
    }

    @Test
    void dockerfileEnvLinesAreReadByTheApp() throws Exception {
        Dockerfile dockerfile = Dockerfile.read(compose.root());
        for (String target : List.of("stream-processor", "probe-agent")) {
            Set<String> known = KnownEnvironment.readByAnyCommand(KnownEnvironment.appOf(target));
            assertThat(known).as(Dockerfile.PATH + " target " + target + " sets")
                    .containsAll(dockerfile.stages().get(target).env().keySet());
        }
    }

    @Test
    void theTopicJobGetsExactlyTheVariablesItsScriptReads() throws Exception {
        TopicsScript script = TopicsScript.read(compose.root());
        assertThat(compose.environment("kafka-init").keySet()).containsExactlyInAnyOrderElementsOf(script.variables());
        assertThat(compose.image("kafka-init")).isEqualTo(compose.image("kafka"));
    }

    @Test
    void theTopicJobCreatesTheContractsTopicsWithTheDocumentedCleanupPolicies() throws Exception {
        TopicsScript script = TopicsScript.read(compose.root());
        Set<String> contract = new TreeSet<>();
        for (Field field : Topics.class.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
                contract.add((String) field.get(null));
            }
        }
        assertThat(script.cleanupPolicyByTopic().keySet()).containsExactlyInAnyOrderElementsOf(contract);
        script.cleanupPolicyByTopic().forEach((topic, policy) ->
                assertThat(policy).as(topic).isEqualTo(topic.equals(Topics.LINKS) ? "compact" : "delete"));
    }

    @Test
    void theAppsUseTheTopicsTheJobCreatesWithTheSamePartitionCount() throws Exception {
        Set<String> created = TopicsScript.read(compose.root()).cleanupPolicyByTopic().keySet();

        // The processor's effective configuration, through its own loader (which also validates every value).
        Map<String, String> processorEnv = compose.environment("stream-processor");
        ProcessorConfig processor = ConfigLoader.load(Optional.empty(), processorEnv);
        TopicNames topics = processor.topology().topics();
        assertThat(List.of(topics.hopObservations(), topics.handshakeObservations(), topics.diagnoses(),
                topics.anomalies(), topics.links(), topics.deadLetter())).allSatisfy(t -> assertThat(created).contains(t));
        assertThat(processor.topology().partitions())
                .isEqualTo(Integer.parseInt(compose.environment("kafka-init").get("PMTU_TOPIC_PARTITIONS")));
        assertThat(processor.createTopics()).as("kafka-init owns the topics' configuration").isFalse();
        assertThat(processor.queryBind()).as("reachable through the published port").isEqualTo("0.0.0.0");

        // The agent's, likewise.
        AgentConfig agent = AgentConfigLoader.load(Map.of(), compose.environment("probe-agent-1"), null);
        assertThat(created).contains(agent.hopTopic(), agent.handshakeTopic());

        // The sink has no topic variables: its defaults are the contract's names.
        assertThat(compose.environment("sink").keySet()).noneMatch(name -> name.contains("TOPIC"));
    }

    @Test
    void imagesFollowThePomsVersions() throws Exception {
        PomVersions pom = PomVersions.read(compose.root());
        assertThat(compose.image("elasticsearch"))
                .isEqualTo("docker.elastic.co/elasticsearch/elasticsearch:" + pom.elasticsearch());
        assertThat(compose.image("kibana")).isEqualTo("docker.elastic.co/kibana/kibana:" + pom.elasticsearch());
        String kafkaImage = compose.image("kafka");
        assertThat(kafkaImage).startsWith("apache/kafka:");
        assertThat(PomVersions.majorMinor(kafkaImage.substring("apache/kafka:".length())))
                .as("broker line = client line").isEqualTo(PomVersions.majorMinor(pom.kafka()));
        Dockerfile dockerfile = Dockerfile.read(compose.root());
        for (String service : compose.services().keySet()) {
            Optional<String> target = compose.buildTarget(service);
            if (target.isPresent()) {
                assertThat(compose.image(service)).as(service).endsWith(":" + pom.project());
                assertThat(dockerfile.stages()).as(Dockerfile.PATH + " has the target of " + service).containsKey(target.get());
                assertThat(dockerfile.stages().get(target.get()).args().get("VERSION"))
                        .as(Dockerfile.PATH + " target " + target.get() + ": the jar name it copies").isEqualTo(pom.project());
                assertThat(dockerfile.baseImage(target.get())).as("official JRE, the pom's Java release, an exact version")
                        .matches("eclipse-temurin:" + pom.javaRelease() + "\\.\\d+\\.\\d+_\\d+-jre-[a-z]+");
            }
        }
        assertThat(dockerfile.baseImage("build")).as("Maven on the same JDK, exact version")
                .matches("maven:\\d+\\.\\d+\\.\\d+-eclipse-temurin-" + pom.javaRelease());
    }

    @Test
    void startOrderIsExpressedWithHealthChecksAndConditions() {
        Map<String, Object> services = compose.services();
        for (String service : services.keySet()) {
            Map<String, Object> dependencies = ComposeFile.map(compose.service(service).get("depends_on"));
            dependencies.forEach((dependency, spec) -> {
                String condition = String.valueOf(ComposeFile.map(spec).get("condition"));
                Map<String, Object> target = compose.service(dependency);
                switch (condition) {
                    case "service_healthy" -> assertThat(target).as(dependency + " needs a healthcheck for " + service)
                            .containsKey("healthcheck");
                    case "service_completed_successfully" -> assertThat(target.get("restart"))
                            .as(dependency + " is one-shot").isEqualTo("no");
                    default -> throw new AssertionError(service + " -> " + dependency + ": condition " + condition
                            + "; use service_healthy or service_completed_successfully");
                }
            });
        }
        assertThat(dependencyNames("kafka-init")).containsExactly("kafka");
        assertThat(dependencyNames("stream-processor")).contains("kafka-init");
        assertThat(dependencyNames("sink")).contains("kafka-init", "elasticsearch", "setup");
        assertThat(dependencyNames("setup")).contains("elasticsearch", "kibana");
        assertThat(dependencyNames("probe-agent-1")).contains("kafka-init");
        assertThat(ComposeFile.list(compose.service("setup").get("command"))).containsExactly("setup");
    }

    @Test
    void theAgentHasItsCapabilitiesAndAValidMountedTargetsFile() throws Exception {
        Map<String, Object> agent = compose.service("probe-agent-1");
        assertThat(ComposeFile.list(agent.get("cap_add"))).contains("NET_RAW", "NET_ADMIN");
        String targetsInContainer = compose.environment("probe-agent-1").get("PMTU_TARGETS_FILE");
        String mount = ComposeFile.list(agent.get("volumes")).stream().map(String::valueOf)
                .filter(v -> v.split(":")[1].equals(targetsInContainer)).findFirst()
                .orElseThrow(() -> new AssertionError("PMTU_TARGETS_FILE " + targetsInContainer + " is not mounted"));
        Path source = compose.root().resolve(mount.split(":")[0]).normalize();
        assertThat(source).startsWith(compose.root().resolve("docker"));
        assertThat(TargetsFileParser.parse(source)).isNotEmpty(); // throws, naming the line, when invalid
    }

    @Test
    void everyNamedVolumeIsDeclaredAndUsed() {
        Set<String> used = new TreeSet<>();
        for (String service : compose.services().keySet()) {
            for (Object volume : ComposeFile.list(compose.service(service).get("volumes"))) {
                String source = String.valueOf(volume).split(":")[0];
                if (!source.startsWith(".") && !source.startsWith("/")) {
                    used.add(source);
                }
            }
        }
        assertThat(compose.namedVolumes().keySet()).containsExactlyInAnyOrderElementsOf(used)
                .contains("kafka-data", "elasticsearch-data", "processor-state");
    }

    private Set<String> dependencyNames(String service) {
        return ComposeFile.map(compose.service(service).get("depends_on")).keySet();
    }
}
