package io.pmtuwatch.bench.stream;


import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "bench-stream", mixinStandardHelpOptions = true,
        description = {"Benchmark: the same preloaded observations through a pass-through Streams app and through the"
                + " topology (steady-state observations/s after an untimed warm-up run of each, ratio), then observation-to-diagnosis latency p50/p99.",
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

    @Option(names = "--rounds", defaultValue = "5", description = "Runs per path. Default: ${DEFAULT-VALUE}")
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

    @Option(names = "--latency-runs", defaultValue = "1000", description = "Runs of the latency phase. Default: ${DEFAULT-VALUE}")
    int latencyRuns;

    @Option(names = "--latency-rate", defaultValue = "100", description = "Runs per second in the latency phase. Default: ${DEFAULT-VALUE}")
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
