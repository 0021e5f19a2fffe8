package io.pmtuwatch.stream.sink.pipeline;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import io.pmtuwatch.schemas.Agent;
import io.pmtuwatch.schemas.PathDiagnosis;
import io.pmtuwatch.stream.ObservationFixtures;
import io.pmtuwatch.stream.sink.ElasticsearchClients;
import io.pmtuwatch.stream.sink.SinkFixtures;
import io.pmtuwatch.stream.sink.SinkTestRig;
import io.pmtuwatch.testsupport.ElasticsearchHarness;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Elasticsearch goes away in the middle of ingestion: first it answers 429 to everything, then it
 * is unreachable for 30 s (a TCP proxy in front of the shared server is switched, so other tests
 * keep their Elasticsearch). Meanwhile the sink holds its place (no offset moves past what is
 * stored) and, once Elasticsearch is back, every distinct diagnosis is stored exactly once, the
 * replayed duplicates overwriting themselves.
 */
class ElasticsearchOutageTest {

    private static final Duration OUTAGE = Duration.ofSeconds(Long.getLong("pmtuwatch.test.outageSeconds", 30));
    private static final Instant T0 = Instant.parse("2025-11-22T00:00:00Z");

    private final Set<String> distinct = new HashSet<>();
    private int sent;

    @Test
    void nothingIsLostOrDuplicatedWhileElasticsearchIsOverloadedAndThenDown() throws Exception {
        URI upstream = URI.create(ElasticsearchHarness.shared().httpUrl());
        try (SinkTestRig rig = new SinkTestRig(2); TcpProxy proxy = new TcpProxy(upstream.getHost(), upstream.getPort())) {
            ElasticsearchClient throughProxy = ElasticsearchClients.create(proxy.url());
            SinkSettings settings = SinkSettings.defaults()
                    .withBackoff(new Backoff(Duration.ofMillis(100), Duration.ofSeconds(2)))
                    .withBatching(new BulkExporter.Batching(200, 5L * 1024 * 1024, 100, 2));
            ElasticsearchSink sink = rig.startSink(throughProxy, settings);
            String diagnoses = rig.indices.diagnoses();

            produce(rig, 0, 300);
            produce(rig, 0, 50); // replays of records already stored
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                    .until(() -> rig.committedTotal(rig.topics.diagnoses()) == sent);
            assertThat(rig.count(diagnoses)).isEqualTo(distinct.size());
            long committedBefore = sent;

            proxy.overloaded();
            long retriesBefore = sink.stats().retries();
            produce(rig, 300, 200);
            await().atMost(Duration.ofSeconds(30)).until(() -> sink.stats().retries() > retriesBefore + 200);
            assertThat(rig.committedTotal(rig.topics.diagnoses())).as("429: no offset moves").isEqualTo(committedBefore);

            proxy.down();
            produce(rig, 500, 200);
            produce(rig, 320, 30); // replays of records not stored yet
            await().during(OUTAGE).atMost(OUTAGE.plusSeconds(30)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> rig.committedTotal(rig.topics.diagnoses()) == committedBefore);
            assertThat(rig.count(diagnoses)).as("nothing reached Elasticsearch while down").isEqualTo(300);

            proxy.up();
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250))
                    .until(() -> rig.committedTotal(rig.topics.diagnoses()) == sent);
            assertThat(rig.count(diagnoses)).as("one document per distinct diagnosis").isEqualTo(distinct.size());
            assertThat(distinct).hasSize(700);
            assertThat(rig.count(rig.indices.mtuDrops())).isEqualTo(distinct.size());
            assertThat(sink.stats().deadLetters()).isZero();
        }
    }

    /** Diagnoses number {@code from} .. {@code from + count - 1}, spread over four agents (paths). */
    private void produce(SinkTestRig rig, int from, int count) {
        for (int n = from; n < from + count; n++) {
            Agent agent = Agent.newBuilder(ObservationFixtures.AGENT).setId("agent-" + (n % 4)).build();
            PathDiagnosis d = SinkFixtures.diagnosis(agent, ObservationFixtures.TARGET, "run-" + n, T0.plusSeconds(n));
            rig.send(d);
            distinct.add(d.getPathId() + "|" + d.getRunId());
            sent++;
        }
        rig.flush();
    }
}
