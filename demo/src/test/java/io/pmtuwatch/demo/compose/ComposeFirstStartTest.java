package io.pmtuwatch.demo.compose;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What makes a first `docker compose up --build` on a fresh clone work, checked without an engine:
 * each image is built by one service only, from the sources (no jars from the host), on pinned bases
 * and packages; every container has a memory limit that its JVM heap fits in, and the README states
 * the machine they add up to; the one-shot set-up is retried and what needs it waits for its success;
 * the KRaft cluster id is fixed.
 */
class ComposeFirstStartTest {

    private static final Pattern MEMORY = Pattern.compile("(\\d+)([kmg])b?", Pattern.CASE_INSENSITIVE);
    private static final Pattern XMX = Pattern.compile("-Xmx(\\d+[kmg])", Pattern.CASE_INSENSITIVE);
    private static final Pattern STATED_TOTAL = Pattern.compile("the limits below add up to ([\\d.]+) GB");

    private ComposeFile compose;
    private Dockerfile dockerfile;

    @BeforeEach
    void load() throws Exception {
        compose = ComposeFile.load(RepositoryRoot.find());
        dockerfile = Dockerfile.read(compose.root());
    }

    @Test
    void eachOfOurImagesIsBuiltByOneServiceAndNeverPulled() {
        Map<String, List<String>> buildersByImage = new TreeMap<>();
        for (String service : compose.services().keySet()) {
            if (compose.buildTarget(service).isEmpty()) {
                continue;
            }
            if (!compose.build(service).isEmpty()) {
                buildersByImage.computeIfAbsent(compose.image(service), i -> new ArrayList<>()).add(service);
                assertThat(compose.build(service)).as(service).containsEntry("context", ".")
                        .containsEntry("dockerfile", Dockerfile.PATH);
            } else {
                assertThat(compose.service(service).get("pull_policy")).as(service + " runs an image built here: never pull it")
                        .isEqualTo("never");
            }
        }
        assertThat(buildersByImage).hasSize(2).allSatisfy((image, builders) ->
                assertThat(builders).as("services that build " + image).hasSize(1));
    }

    @Test
    void theImagesBuildFromTheSourcesOnPinnedBasesAndPackages() throws Exception {
        assertThat(dockerfile.stages()).containsKeys("build", "stream-processor", "probe-agent");
        assertThat(dockerfile.stages().get("build").runs()).anyMatch(run -> run.contains("mvn ") && run.contains(" package"));
        for (String target : List.of("stream-processor", "probe-agent")) {
            assertThat(dockerfile.stages().get(target).copies()).as(target + " copies jars from the build stage only")
                    .filteredOn(copy -> copy.contains(".jar") || copy.contains("/lib/"))
                    .isNotEmpty().allMatch(copy -> copy.startsWith("COPY --from=build "));
        }
        for (Dockerfile.Stage stage : dockerfile.stages().values()) {
            for (String run : stage.runs()) {
                if (run.contains("apt-get install")) {
                    assertThat(run).as("packages from a dated archive snapshot").contains("apt-get update --snapshot")
                            .contains("apt-get install --snapshot");
                }
            }
        }
        assertThat(dockerfile.globalArgs().get("UBUNTU_SNAPSHOT")).matches("\\d{8}T\\d{6}Z");
        // The context is the sources without build output, so the image never sees a host build.
        List<String> ignored = Files.readAllLines(compose.root().resolve(".dockerignore"));
        assertThat(ignored).contains("**/target", ".git");
    }

    @Test
    void everyContainerHasAMemoryLimitItsHeapFitsInAndTheReadmeStatesTheMachine() throws Exception {
        long total = 0;
        for (String service : compose.services().keySet()) {
            Object limit = compose.service(service).get("mem_limit");
            assertThat(limit).as(service + " has a mem_limit").isNotNull();
            long bytes = bytes(String.valueOf(limit));
            for (String value : compose.environment(service).values()) {
                Matcher xmx = XMX.matcher(String.valueOf(value));
                if (xmx.find()) {
                    assertThat(bytes(xmx.group(1))).as(service + ": heap leaves room in the limit").isLessThanOrEqualTo(bytes * 3 / 4);
                }
            }
            if (!"no".equals(compose.service(service).get("restart"))) {
                total += bytes; // one-shot jobs come and go
            }
        }
        String header = Files.readString(compose.root().resolve("docker-compose.yml"));
        Matcher stated = STATED_TOTAL.matcher(header);
        assertThat(stated.find()).as("docker-compose.yml states what its limits add up to").isTrue();
        assertThat(Math.abs(Double.parseDouble(stated.group(1)) * (1L << 30) - total))
                .as("stated total vs. the limits (%d bytes)", total).isLessThan(0.1 * (1L << 30));
        String readme = Files.readString(compose.root().resolve("README.md"));
        assertThat(readme).contains("docker compose up").doesNotContain("docker-compose (1.29) up")
                .contains("8 GB of memory");
    }

    @Test
    void setupIsRetriedAndTheSinkWaitsForItsSuccess() throws Exception {
        List<Object> entrypoint = ComposeFile.list(compose.service("setup").get("entrypoint"));
        assertThat(entrypoint).hasSize(3);
        assertThat(entrypoint.get(0)).isEqualTo("with-retries");
        assertThat(Integer.parseInt(String.valueOf(entrypoint.get(1)))).as("attempts").isGreaterThan(1);
        assertThat(dockerfile.stages().get("stream-processor").copies())
                .anyMatch(copy -> copy.equals("COPY docker/with-retries /usr/local/bin/with-retries"));
        assertThat(Files.isExecutable(compose.root().resolve("docker/with-retries"))).isTrue();
        assertThat(ComposeFile.map(ComposeFile.map(compose.service("sink").get("depends_on")).get("setup")))
                .containsEntry("condition", "service_completed_successfully");
        assertThat(compose.service("setup").get("restart")).isEqualTo("no");
    }

    @Test
    void theKraftClusterIdIsFixed() {
        String id = compose.environment("kafka").get("CLUSTER_ID");
        assertThat(id).as("CLUSTER_ID").isNotNull().hasSize(22);
        assertThat(Base64.getUrlDecoder().decode(id)).as("a UUID in URL-safe base64, as kafka-storage random-uuid makes").hasSize(16);
    }

    @Test
    void healthChecksUseOnlyWhatTheImagesHave() {
        for (String service : compose.services().keySet()) {
            if (compose.buildTarget(service).isPresent()) {
                Object test = ComposeFile.map(compose.service(service).get("healthcheck")).get("test");
                assertThat(String.valueOf(test).toLowerCase(Locale.ROOT)).as(service + ": no curl or wget in our images")
                        .doesNotContain("curl").doesNotContain("wget");
            }
        }
    }

    @Test
    void aHealthCheckThatStartsAKafkaToolGivesItASmallHeap() {
        // Kafka's tools inherit the broker's KAFKA_HEAP_OPTS inside the container: without their own, each check
        // every interval would be a second broker-sized JVM under the same memory limit.
        Pattern heap = Pattern.compile("KAFKA_HEAP_OPTS='?[^']*-Xmx(\\d+[kKmMgG])");
        for (String service : compose.services().keySet()) {
            String test = String.valueOf(ComposeFile.map(compose.service(service).get("healthcheck")).get("test"));
            if (test.contains("/opt/kafka/bin/")) {
                Matcher m = heap.matcher(test);
                assertThat(m.find()).as(service + ": the health check's tool sets its own KAFKA_HEAP_OPTS -Xmx").isTrue();
                assertThat(bytes(m.group(1))).as(service + ": the health check's heap").isLessThanOrEqualTo(128L << 20);
            }
        }
    }

    private static long bytes(String size) {
        Matcher m = MEMORY.matcher(size.trim());
        assertThat(m.matches()).as("a memory size: " + size).isTrue();
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2).toLowerCase(Locale.ROOT)) {
            case "k" -> n << 10;
            case "m" -> n << 20;
            default -> n << 30;
        };
    }
}
