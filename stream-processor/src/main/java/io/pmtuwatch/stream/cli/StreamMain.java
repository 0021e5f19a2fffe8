package io.pmtuwatch.stream.cli;

import io.pmtuwatch.settings.BuildVersion;
import io.pmtuwatch.settings.Durations;
import io.pmtuwatch.settings.EnvNames;
import io.pmtuwatch.settings.UsageErrors;
import java.time.Duration;
import picocli.CommandLine.Command;
import picocli.CommandLine;

/** Entry point of the stream processor: {@code process} runs the topology, {@code sink} the Elasticsearch sink. */
@Command(name = "pmtu-stream", mixinStandardHelpOptions = true, versionProvider = BuildVersion.class,
        scope = CommandLine.ScopeType.INHERIT,
        description = "Turns probe observations into Path MTU / MSS diagnoses and sinks them to Elasticsearch.",
        subcommands = {ProcessCommand.class, SinkCommand.class, SetupCommand.class})
public final class StreamMain implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        EnvNames.warnAboutLegacy(System.getenv());
        System.exit(run(args));
    }

    /** Runs a command and returns its exit code. */
    public static int run(String... args) {
        CommandLine cl = new CommandLine(new StreamMain());
        // Every duration option reads the one syntax of the settings (30s, 5m).
        cl.registerConverter(Duration.class, text -> Durations.parse("a duration option", text));
        return UsageErrors.install(cl).execute(args);
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getErr());
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required");
    }
}
