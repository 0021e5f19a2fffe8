package io.pmtuwatch.probe.cli;

import io.pmtuwatch.probe.capture.AnalyzeCommand;
import io.pmtuwatch.probe.capture.CaptureCommand;
import io.pmtuwatch.probe.capture.ReplayCommand;
import io.pmtuwatch.probe.capture.StandardOutput;
import io.pmtuwatch.probe.clamp.ClampCommand;
import io.pmtuwatch.settings.BuildVersion;
import io.pmtuwatch.settings.Durations;
import io.pmtuwatch.settings.EnvNames;
import io.pmtuwatch.settings.UsageErrors;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine;

/** {@code pmtu-probe}: the probe agent's command line. */
@Command(name = "pmtu-probe", mixinStandardHelpOptions = true, versionProvider = BuildVersion.class,
        scope = CommandLine.ScopeType.INHERIT,
        description = "Path MTU / TCP MSS probe: one-shot traces and the continuous agent.")
public final class ProbeMain implements Runnable {

    /** The subcommands, in the order the help lists them; each made only when the command line needs it. */
    private static final Map<String, Supplier<Object>> SUBCOMMANDS = subcommands();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        StartupWarmUp.startFor(args);
        EnvNames.warnAboutLegacy(System.getenv());
        CommandLine commandLine = commandLineFor(args);
        commandLine.setOut(StandardOutput.of(System.out));
        System.exit(commandLine.execute(args));
    }

    /** The command tree (tests run it without exiting the JVM). */
    public static CommandLine commandLine() {
        return commandLine(SUBCOMMANDS.keySet());
    }

    /**
     * Start-up: the tree with only the subcommand the arguments name (none for --version). Picocli
     * builds its model by reflection over every option of every subcommand it is given, and its
     * classes (compiled for Java 5) stay out of the class-data sharing archive: the whole tree cost
     * a short command most of its CPU. Anything else (help, no or an unknown command) gets the whole tree.
     */
    static CommandLine commandLineFor(String[] args) {
        if (args.length > 0 && SUBCOMMANDS.containsKey(args[0]) && !"help".equals(args[0])) {
            return commandLine(List.of(args[0]));
        }
        if (args.length == 1 && ("--version".equals(args[0]) || "-V".equals(args[0]))) {
            return commandLine(List.of());
        }
        return commandLine();
    }

    private static CommandLine commandLine(Collection<String> names) {
        CommandLine cl = new CommandLine(new ProbeMain());
        // Each as its own CommandLine: picocli applies a command's model transformer (run's setting options)
        // when a CommandLine is made for it, but not to an object added to a tree already built.
        names.forEach(name -> cl.addSubcommand(name, new CommandLine(SUBCOMMANDS.get(name).get())));
        // After the subcommands: picocli hands these to the subcommands present when they are set.
        // Every duration option reads the one syntax of the settings (30s, 5m), not only ISO-8601.
        cl.registerConverter(Duration.class, text -> Durations.parse("a duration option", text));
        UsageErrors.install(cl);
        cl.setExecutionExceptionHandler((e, cmd, parsed) -> {
            cmd.getErr().println(cmd.getCommandName() + ": " + e.getMessage());
            return ExitCodes.ERROR;
        });
        return cl;
    }

    private static Map<String, Supplier<Object>> subcommands() {
        Map<String, Supplier<Object>> all = new LinkedHashMap<>();
        all.put("trace", TraceCommand::new);
        all.put("run", RunCommand::new);
        all.put("analyze", AnalyzeCommand::new);
        all.put("replay", ReplayCommand::new);
        all.put("capture", CaptureCommand::new);
        all.put("clamp", ClampCommand::new);
        all.put("help", CommandLine.HelpCommand::new);
        return all;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getErr());
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required");
    }
}
