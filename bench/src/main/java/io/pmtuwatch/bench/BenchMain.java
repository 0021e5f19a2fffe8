package io.pmtuwatch.bench;

import io.pmtuwatch.bench.diagnosis.DiagnosisBenchCommand;
import io.pmtuwatch.bench.probe.AnalyzeBenchCommand;
import io.pmtuwatch.bench.probe.BenchTraceCommand;
import io.pmtuwatch.bench.stream.BenchCommand;
import io.pmtuwatch.bench.stream.ScaleRunCommand;
import io.pmtuwatch.settings.BuildVersion;
import io.pmtuwatch.settings.UsageErrors;
import picocli.CommandLine.Command;
import picocli.CommandLine;

/**
 * {@code pmtu-bench}: the benchmarks. They live apart from the agent and the stream processor so
 * that neither shipped jar carries the namespace lab or benchmark code.
 */
@Command(name = "pmtu-bench", mixinStandardHelpOptions = true, versionProvider = BuildVersion.class,
        scope = CommandLine.ScopeType.INHERIT,
        description = "Benchmarks: the tracer against tracepath and scamper, analyze against tcpdump, the topology"
                + " against a pass-through Streams app, the diagnosis against a baseline build.",
        subcommands = {BenchTraceCommand.class, AnalyzeBenchCommand.class, BenchCommand.class, ScaleRunCommand.class,
                DiagnosisBenchCommand.class,
                CommandLine.HelpCommand.class})
public final class BenchMain implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs a command and returns its exit code (for launchers that add arguments, such as the in-process bench). */
    public static int run(String... args) {
        return UsageErrors.install(new CommandLine(new BenchMain())).execute(args);
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getErr());
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required");
    }
}
