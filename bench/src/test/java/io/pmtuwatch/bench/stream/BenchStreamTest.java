package io.pmtuwatch.bench.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.pmtuwatch.embedded.KafkaHarness;
import io.pmtuwatch.settings.StateHome;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** bench-stream on a tiny workload against the in-process broker: what the report says it timed, and what it leaves. */
class BenchStreamTest {

    private static final int AGENTS = 2;
    private static final int TARGETS = 3;
    private static final int ROUNDS = 2;
    private static final int LATENCY_RUNS = 5;

    @Test
    void warmsUpOnItsOwnTopicsCountsOnlyTheTimedRunsAndLeavesNoStateDirectory() throws Exception {
        Path benchStates = StateHome.of(System.getenv()); // surefire sets XDG_STATE_HOME; an IDE run may not
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        new Bench(new Bench.Options(KafkaHarness.shared().bootstrapServers(), AGENTS, TARGETS, 10, ROUNDS, 1, 2, 1,
                LATENCY_RUNS, 20, Map.of()), new PrintStream(bytes, true, StandardCharsets.UTF_8)).run();
        String report = bytes.toString(StandardCharsets.UTF_8);

        long timed = number(report, "runs, (\\d+) observations");
        long warmUp = number(report, "first 1 rounds \\((\\d+) observations");
        assertThat(warmUp).as(report).isEqualTo(timed / ROUNDS);
        assertThat(report).contains("throughput: steady state").contains("ratio topology / pass-through (steady state)");
        // The warm-up's diagnoses are not the timed topology's output: one per timed run and per latency run.
        assertThat(number(report, "topology output: (\\d+) diagnoses")).as(report)
                .isEqualTo((long) AGENTS * TARGETS * ROUNDS + LATENCY_RUNS);
        try (Stream<Path> left = Files.exists(benchStates) ? Files.list(benchStates) : Stream.empty()) {
            assertThat(left.filter(p -> p.getFileName().toString().startsWith("bench-stream-"))).isEmpty();
        }
    }

    private static long number(String report, String regex) {
        Matcher m = Pattern.compile(regex).matcher(report);
        assertThat(m.find()).as("'%s' in%n%s", regex, report).isTrue();
        return Long.parseLong(m.group(1));
    }
}
