package io.pmtuwatch.probe.cli;

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
        System.exit(commandLine().execute(args));
    }

    /** The command tree (tests run it without exiting the JVM). */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new ProbeMain());
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
