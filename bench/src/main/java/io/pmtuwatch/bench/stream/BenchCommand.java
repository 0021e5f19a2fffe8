package io.pmtuwatch.bench.stream;


import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "bench-stream", mixinStandardHelpOptions = true,
        description = {"Benchmark: the same preloaded observations through a pass-through Streams app and through the"
                + " topology (steady-state observations/s after an untimed warm-up run of each; --passes alternating timed"
                + " passes, the ratio of each pair and their median), then observation-to-diagnosis latency at a steady rate"
                + " (p50, p99, max; p99 per 10 s slice; the slowest 1%% grouped by send time with the collector pauses and"
                + " producer retries beside them). It deletes its topics and consumer groups at the end.",
                "Uses fresh topics and application ids on the given broker; for an in-process broker run"
                        + " io.pmtuwatch.bench.stream.InProcessBench (test classpath), see bench/README.md."})
public final class BenchCommand implements Callable<Integer> {

    @Option(names = "--bootstrap-servers", required = true, description = "Kafka bootstrap servers.")
    String bootstrapServers;

    @Option(names = "--agents", defaultValue = "20", description = "Agents. Default: ${DEFAULT-VALUE}")
    int agents;

    @Option(names = "--targets", defaultValue = "50", description = "Targets per agent. Default: ${DEFAULT-VALUE}")
    int targets;

    @Option(names = "--hops", defaultValue = "10", description = "Hops per run. Default: ${DEFAULT-VALUE}")
    int hops;

    @Option(names = "--rounds", defaultValue = "20",
            description = "Runs per path in the timed input (20: about 217k observations, 2-6 s a pass here). Default: ${DEFAULT-VALUE}")
    int rounds;

    @Option(names = "--warmup-rounds", defaultValue = "10",
            description = "Rounds of a separate warm-up set each app runs through, untimed, before its measured run, so that"
                    + " the throughput is a steady-state figure (JIT-compiled code paths); 0 measures from a cold start."
                    + " Default: ${DEFAULT-VALUE}")
    int warmupRounds;

    @Option(names = "--passes", defaultValue = "5",
            description = "Timed passes of each app, alternating pass-through and topology, each afresh over the same input;"
                    + " the ratio reported is the median of the passes' ratios (each pass's is printed). Default: ${DEFAULT-VALUE}")
    int passes;

    @Option(names = "--partitions", defaultValue = "4", description = "Partitions of the input topics. Default: ${DEFAULT-VALUE}")
    int partitions;

    @Option(names = "--threads", defaultValue = "1", description = "Stream threads of each app. Default: ${DEFAULT-VALUE}")
    int threads;

    @Option(names = "--latency-runs", defaultValue = "3600",
            description = "Runs of the latency phase. With the default rate a minute, so that one stall of a few hundred ms"
                    + " (a neighbour's burst on a shared machine) is not the whole p99: it shows in the p99 of its 10 s slice"
                    + " and in the groups of slow runs, each with the collector pauses and producer retries beside it."
                    + " Default: ${DEFAULT-VALUE}")
    int latencyRuns;

    @Option(names = "--latency-rate", defaultValue = "60", description = "Runs per second in the latency phase. Default: ${DEFAULT-VALUE}")
    double latencyRate;

    @Option(names = "--setting", paramLabel = "KEY=VALUE",
            description = "A processor setting for both apps, as in pmtu.conf (streams.* keys included), e.g."
                    + " commit.interval=200ms or streams.producer.compression.type=none; repeatable.")
    Map<String, String> settings = new LinkedHashMap<>();

    @Override
    public Integer call() throws Exception {
        new Bench(new Bench.Options(bootstrapServers, agents, targets, hops, rounds, warmupRounds, passes, partitions, threads, latencyRuns,
                latencyRate, settings), System.out).run();
        return 0;
    }
}
