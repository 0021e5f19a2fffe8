package io.pmtuwatch.bench.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pmtuwatch.embedded.KafkaHarness;
import io.pmtuwatch.settings.StateHome;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.GroupListing;
import org.junit.jupiter.api.Test;

/** bench-stream on a tiny workload against the in-process broker: what the report says it timed, and what it leaves. */
class BenchStreamTest {

    private static final int AGENTS = 2;
    private static final int TARGETS = 3;
    private static final int ROUNDS = 2;
    private static final int PASSES = 2;
    private static final int LATENCY_RUNS = 5;

    @Test
    void warmsUpAlternatesItsPassesCountsOnlyTheTimedRunsAndLeavesNothingBehind() throws Exception {
        Path benchStates = StateHome.of(System.getenv()); // surefire sets XDG_STATE_HOME; an IDE run may not
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Bench bench = new Bench(options(Map.of()), new PrintStream(bytes, true, StandardCharsets.UTF_8));
        bench.run();
        String report = bytes.toString(StandardCharsets.UTF_8);

        long timed = number(report, "runs, (\\d+) observations");
        long warmUp = number(report, "first 1 rounds \\((\\d+) observations");
        assertThat(warmUp).as(report).isEqualTo(timed / ROUNDS);
        assertThat(report).contains("throughput: steady state").contains("ratio topology / pass-through (steady state)")
                .contains("the median of 2 alternating passes");
        for (int pass = 1; pass <= PASSES; pass++) {
            assertThat(report).as(report).contains("| " + pass + " | pass-through | " + timed + " |")
                    .contains("| " + pass + " | topology | " + timed + " |");
        }
        // The warm-up's and the first pass's diagnoses are not the kept topology's: one per timed run and per latency run.
        assertThat(number(report, "topology output \\(last pass and the latency phase\\): (\\d+) diagnoses")).as(report)
                .isEqualTo((long) AGENTS * TARGETS * ROUNDS + LATENCY_RUNS);
        assertThat(report).containsPattern("latency \\(read_committed, " + LATENCY_RUNS + " runs at 20 runs/s\\): p50 \\d+ ms");
        try (Stream<Path> left = Files.exists(benchStates) ? Files.list(benchStates) : Stream.empty()) {
            assertThat(left.filter(p -> p.getFileName().toString().startsWith("bench-stream-"))).isEmpty();
        }
        // Inputs, outputs, changelogs and repartition topics of the warm-up and of both passes: at least 6 each.
        assertThat(number(report, "deleted this run's (\\d+) topics")).as(report).isGreaterThanOrEqualTo(18);
        assertNothingOnTheBrokerOf(bench.id());
    }

    @Test
    void aRunThatFailsAfterMakingItsTopicsStillDeletesThem() throws Exception {
        // Valid for the processor's loader, refused by Kafka Streams when the first app starts: after the warm-up's
        // topics are made and filled.
        Bench bench = new Bench(options(Map.of("streams.default.key.serde", "no.such.Serde")),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));

        assertThatThrownBy(bench::run).hasMessageContaining("no.such.Serde");
        assertNothingOnTheBrokerOf(bench.id());
    }

    private static Bench.Options options(Map<String, String> settings) {
        return new Bench.Options(KafkaHarness.shared().bootstrapServers(), AGENTS, TARGETS, 10, ROUNDS, 1, PASSES, 2, 1,
                LATENCY_RUNS, 20, settings);
    }

    private static void assertNothingOnTheBrokerOf(String runId) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaHarness.shared().bootstrapServers()))) {
            Set<String> topics = admin.listTopics().names().get();
            assertThat(topics).as("topics of run %s", runId).noneMatch(t -> t.contains(runId));
            List<String> groups = admin.listGroups().all().get().stream().map(GroupListing::groupId).toList();
            assertThat(groups).as("groups of run %s", runId).noneMatch(g -> g.contains(runId));
        }
    }

    private static long number(String report, String regex) {
        Matcher m = Pattern.compile(regex).matcher(report);
        assertThat(m.find()).as("'%s' in%n%s", regex, report).isTrue();
        return Long.parseLong(m.group(1));
    }
}
