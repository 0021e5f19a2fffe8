package io.pmtuwatch.stream.sink.bench;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import io.pmtuwatch.schemas.Agent;
import io.pmtuwatch.schemas.PathDiagnosis;
import io.pmtuwatch.stream.ObservationFixtures;
import io.pmtuwatch.stream.sink.RecordDocuments;
import io.pmtuwatch.stream.sink.SinkDocument;
import io.pmtuwatch.stream.sink.SinkFixtures;
import io.pmtuwatch.stream.sink.SinkIndices;
import io.pmtuwatch.stream.sink.SinkTestRig;
import io.pmtuwatch.stream.sink.pipeline.BulkOperations;
import io.pmtuwatch.stream.sink.pipeline.SinkSettings;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Benchmark, not a test: documents per second through the whole sink (Kafka read, decode, map,
 * BulkIngester, offset tracking, commits) into the real Elasticsearch, against a plain synchronous
 * bulk loop with the same client and the same documents, alternating in the same run; prints a table
 * with the ratio. Runs only when asked:
 * {@code mvn -o -pl stream-processor test -Dtest=SinkBench -Dpmtuwatch.bench=true}
 * (optional {@code -Dpmtuwatch.bench.records=20000 -Dpmtuwatch.bench.rounds=3}).
 */
class SinkBench {

    private static final int RECORDS = Integer.getInteger("pmtuwatch.bench.records", 20_000);
    private static final int ROUNDS = Integer.getInteger("pmtuwatch.bench.rounds", 3);
    private static final int BULK = 1000;

    @Test
    void sinkVersusPlainBulkLoop() throws Exception {
        assumeTrue(Boolean.getBoolean("pmtuwatch.bench"), "benchmark: run with -Dpmtuwatch.bench=true");
        List<PathDiagnosis> records = records();
        // Round 0 warms up the JIT, the connections and Elasticsearch; it is not reported.
        double[] plain = new double[ROUNDS + 1];
        double[] sink = new double[ROUNDS + 1];
        int documents = 0;
        for (int round = 0; round <= ROUNDS; round++) {
            try (SinkTestRig rig = new SinkTestRig(2)) {
                List<SinkDocument> docs = new ArrayList<>();
                SinkIndices plainIndices = SinkIndices.withSuffix(rig.suffix + "-plain");
                records.forEach(d -> docs.addAll(RecordDocuments.of(d, plainIndices)));
                documents = docs.size();
                plain[round] = plainBulkLoop(rig.elasticsearch, docs);

                records.forEach(rig::send);
                rig.flush();
                long start = System.nanoTime();
                rig.startSink(rig.elasticsearch, SinkSettings.defaults());
                await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofMillis(50))
                        .until(() -> rig.sink().stats().documentsStored() + rig.sink().stats().documentsSuperseded()
                                >= docs.size());
                sink[round] = docs.size() / seconds(start);
                assertThat(rig.sink().stats().deadLetters()).isZero();
                rig.elasticsearch.indices().delete(d -> d.index("pmtu-*" + rig.suffix + "*"));
            }
        }
        print(documents, Arrays.copyOfRange(plain, 1, plain.length), Arrays.copyOfRange(sink, 1, sink.length));
    }

    private static double plainBulkLoop(ElasticsearchClient client, List<SinkDocument> docs) throws Exception {
        long start = System.nanoTime();
        for (int from = 0; from < docs.size(); from += BULK) {
            List<BulkOperation> ops = docs.subList(from, Math.min(docs.size(), from + BULK)).stream()
                    .map(BulkOperations::of).toList();
            BulkResponse response = client.bulk(b -> b.operations(ops));
            assertThat(response.errors()).isFalse();
        }
        return docs.size() / seconds(start);
    }

    private static List<PathDiagnosis> records() {
        Instant t0 = Instant.parse("2025-11-23T00:00:00Z");
        List<PathDiagnosis> out = new ArrayList<>();
        PathDiagnosis template = SinkFixtures.diagnosis("bench", t0);
        for (int i = 0; i < RECORDS; i++) {
            Agent agent = Agent.newBuilder(ObservationFixtures.AGENT).setId("agent-" + (i % 50)).build();
            out.add(PathDiagnosis.newBuilder(template).setAgent(agent).setRunId("run-" + i)
                    .setPathId(agent.getId() + "|10.9.3.2|tcp|443|v4").setDiagnosedAt(t0.plusMillis(i)).build());
        }
        return out;
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    private static void print(int documents, double[] plain, double[] sink) {
        StringBuilder table = new StringBuilder("\n| round | documents | plain bulk loop (docs/s) | sink (docs/s) | sink / plain |\n"
                + "|---|---|---|---|---|\n");
        for (int i = 0; i < plain.length; i++) {
            table.append(String.format(Locale.ROOT, "| %d | %d | %.0f | %.0f | %.2f |%n", i + 1, documents, plain[i],
                    sink[i], sink[i] / plain[i]));
        }
        double[] ratios = new double[plain.length];
        for (int i = 0; i < plain.length; i++) {
            ratios[i] = sink[i] / plain[i];
        }
        table.append(String.format(Locale.ROOT, "| median | %d | %.0f | %.0f | %.2f |%n", documents, median(plain),
                median(sink), median(ratios)));
        System.out.println(table);
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
