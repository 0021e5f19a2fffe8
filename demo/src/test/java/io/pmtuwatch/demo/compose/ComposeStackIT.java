package io.pmtuwatch.demo.compose;

import org.junit.jupiter.api.Test;
import org.testcontainers.containers.ComposeContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole docker-compose stack, where a Docker engine exists (not on this project's machines:
 * there it is reported as skipped, and {@link ComposeFileTest} and {@link ComposeValidationTest}
 * check the file instead). Builds our images from the jars Maven just packaged, waits for the
 * set-up, and checks that the agent's first diagnoses travel agent -> Kafka -> processor -> sink ->
 * Elasticsearch, and that the processor's query API knows the paths.
 */
@Testcontainers(disabledWithoutDocker = true)
class ComposeStackIT {

    private static final Duration LANDING_TIMEOUT = Duration.ofMinutes(5);
    private static final Pattern COUNT = Pattern.compile("\"count\"\\s*:\\s*(\\d+)");

    @Container
    static final ComposeContainer STACK = new ComposeContainer(RepositoryRoot.find().resolve("docker-compose.yml").toFile())
            .withBuild(true)
            .withRemoveVolumes(true)
            .withStartupTimeout(Duration.ofMinutes(10))
            .withExposedService("elasticsearch", 9200,
                    Wait.forHttp("/_cluster/health?wait_for_status=yellow").forStatusCode(200)
                            .withStartupTimeout(Duration.ofMinutes(5)))
            .withExposedService("stream-processor", 8087,
                    Wait.forHttp("/health").forStatusCode(200).withStartupTimeout(Duration.ofMinutes(5)));

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void aDiagnosisOfTheAgentLandsInElasticsearch() throws Exception {
        String elasticsearch = "http://" + STACK.getServiceHost("elasticsearch", 9200) + ":"
                + STACK.getServicePort("elasticsearch", 9200);
        String processor = "http://" + STACK.getServiceHost("stream-processor", 8087) + ":"
                + STACK.getServicePort("stream-processor", 8087);

        long deadline = System.nanoTime() + LANDING_TIMEOUT.toNanos();
        long diagnoses = 0;
        while (diagnoses == 0 && System.nanoTime() < deadline) {
            diagnoses = count(elasticsearch + "/pmtu-diagnoses/_count?q=observer.id:compose-agent-1");
            if (diagnoses == 0) {
                Thread.sleep(5_000);
            }
        }
        assertThat(diagnoses).as("diagnoses of compose-agent-1 in Elasticsearch within " + LANDING_TIMEOUT).isPositive();
        assertThat(get(processor + "/paths").body()).contains("compose-agent-1");
        assertThat(get(elasticsearch + "/_index_template/pmtu-diagnoses").statusCode()).isEqualTo(200);
    }

    private long count(String url) throws IOException, InterruptedException {
        HttpResponse<String> response = get(url);
        Matcher m = COUNT.matcher(response.body());
        return response.statusCode() == 200 && m.find() ? Long.parseLong(m.group(1)) : 0; // 404 until the sink writes
    }

    private HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
