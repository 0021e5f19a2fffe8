package io.pmtuwatch.probe.cli;

import io.pmtuwatch.settings.Durations;
import io.pmtuwatch.settings.EnvNames;
import java.time.Duration;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code pmtu-probe}: the probe agent's command line. */
@Command(name = "pmtu-probe", mixinStandardHelpOptions = true,
        description = "Path MTU / TCP MSS probe: one-shot traces and the continuous agent.",
        subcommands = {
                TraceCommand.class,
                RunCommand.class,
                io.pmtuwatch.probe.capture.AnalyzeCommand.class,
                io.pmtuwatch.probe.capture.ReplayCommand.class,
                io.pmtuwatch.probe.capture.CaptureCommand.class,
                io.pmtuwatch.probe.clamp.ClampCommand.class,
                CommandLine.HelpCommand.class
        })
public final class ProbeMain implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        EnvNames.warnAboutLegacy(System.getenv());
        System.exit(commandLine().execute(args));
    }

    /** The command tree (tests run it without exiting the JVM). */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new ProbeMain());
        // Every duration option reads the one syntax of the settings (30s, 5m), not only ISO-8601.
        cl.registerConverter(Duration.class, text -> Durations.parse("a duration option", text));
        cl.setExecutionExceptionHandler((e, cmd, parsed) -> {
            cmd.getErr().println(cmd.getCommandName() + ": " + e.getMessage());
            return ExitCodes.ERROR;
        });
        return cl;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getErr());
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required");
    }
}
