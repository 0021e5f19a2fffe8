package io.pmtuwatch.bench.diagnosis;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "bench-diagnosis", mixinStandardHelpOptions = true,
        description = {"Benchmark: CPU time of the diagnosis per run (the diagnosis module alone), this build against a"
                + " baseline build of the module in the same JVM, alternating, medians; first checks that both give"
                + " byte-identical diagnoses for every input (exit 1 if not).",
                "Baseline: a diagnosis jar or classes directory, e.g. built from main in a detached worktree"
                        + " (bench/README.md)."})
public final class DiagnosisBenchCommand implements Callable<Integer> {

    @Option(names = "--baseline", description = "The diagnosis build to compare with (jar or classes directory).")
    Path baseline;

    @Option(names = "--build", description = "The diagnosis build to measure (jar or classes directory). Default: the"
            + " one on the bench's class path.")
    Path build;

    @Option(names = "--agents", defaultValue = "20", description = "Agents of the bench-stream and fleet sets. Default: ${DEFAULT-VALUE}")
    int agents;

    @Option(names = "--targets", defaultValue = "50", description = "Targets per agent. Default: ${DEFAULT-VALUE}")
    int targets;

    @Option(names = "--hops", defaultValue = "10", description = "Hops per bench-stream run. Default: ${DEFAULT-VALUE}")
    int hops;

    @Option(names = "--generated", defaultValue = "3000", description = "Generated random runs. Default: ${DEFAULT-VALUE}")
    int generated;

    @Option(names = "--seed", defaultValue = "14", description = "Seed of the generated runs. Default: ${DEFAULT-VALUE}")
    long seed;

    @Option(names = "--rounds", defaultValue = "15", description = "Measured rounds (each build once per round, the order alternating). Default: ${DEFAULT-VALUE}")
    int rounds;

    @Option(names = "--warmup", defaultValue = "5", description = "Rounds before measuring (JIT). Default: ${DEFAULT-VALUE}")
    int warmup;

    @Option(names = "--passes", defaultValue = "3", description = "Passes over each set per build and round. Default: ${DEFAULT-VALUE}")
    int passes;

    @Override
    public Integer call() throws Exception {
        DiagnosisCorpus corpus = DiagnosisCorpus.of(agents, targets, hops, generated, seed);
        DiagnosisBench bench = new DiagnosisBench(corpus,
                build == null ? IsolatedDiagnoser.current() : IsolatedDiagnoser.load("this build", build),
                baseline == null ? null : IsolatedDiagnoser.load("baseline", baseline), System.out);
        return bench.run(warmup, rounds, passes) ? 0 : 1;
    }
}
