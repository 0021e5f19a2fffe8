package io.pmtuwatch.demo.compose;

import io.pmtuwatch.probe.agent.AgentSetting;
import io.pmtuwatch.probe.cli.ProbeMain;
import io.pmtuwatch.stream.cli.StreamMain;
import io.pmtuwatch.stream.config.Setting;
import io.pmtuwatch.stream.config.Settings;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

import java.io.IOException;
import java.lang.reflect.Field;
import java.net.URISyntaxException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The environment variables our apps really read, per command, taken from the code itself rather
 * than from a list that could drift: the stream processor's {@link Settings} (each key's
 * {@code envVar()}), the picocli options' {@code ${env:NAME}} defaults (sink, setup), the agent's
 * {@link AgentSetting}s and its config-file variable, the variables the processor's logback.xml uses and
 * the agent's logging level variable ({@code StderrLogging}).
 */
final class KnownEnvironment {

    private static final Pattern PICOCLI_ENV = Pattern.compile("\\$\\{env:([A-Za-z0-9_]+)");
    private static final Pattern LOGBACK_VARIABLE = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)(?::-[^}]*)?}");

    private KnownEnvironment() {
    }

    /** The apps whose images docker/Dockerfile builds, named by their build target. */
    enum App { STREAM_PROCESSOR, PROBE_AGENT }

    static App appOf(String target) {
        return switch (target) {
            case "stream-processor" -> App.STREAM_PROCESSOR;
            case "probe-agent" -> App.PROBE_AGENT;
            default -> throw new AssertionError("unknown build target " + target + ": which app does it package?");
        };
    }

    /** Variables read by {@code subcommand} of {@code app}. */
    static Set<String> readBy(App app, String subcommand) {
        Set<String> known = new TreeSet<>();
        switch (app) {
            case STREAM_PROCESSOR -> {
                known.addAll(picocliEnv(new CommandLine(new StreamMain()), subcommand));
                if (subcommand.equals("process")) {
                    for (Setting<?> setting : Settings.ALL) {
                        known.add(setting.envVar());
                    }
                }
                known.addAll(logbackVariables(StreamMain.class));
            }
            case PROBE_AGENT -> {
                known.addAll(picocliEnv(ProbeMain.commandLine(), subcommand));
                if (subcommand.equals("run")) {
                    for (AgentSetting setting : AgentSetting.values()) {
                        known.add(setting.envVar());
                    }
                    known.add(agentConfigFileVariable());
                }
                known.add(io.pmtuwatch.probe.cli.StderrLogging.LEVEL_VARIABLE); // its logging is set up in code
            }
        }
        return known;
    }

    /** Every variable any command of the app reads (for ENV lines of its Dockerfile, shared by all commands). */
    static Set<String> readByAnyCommand(App app) {
        Set<String> all = new TreeSet<>();
        CommandLine root = app == App.STREAM_PROCESSOR ? new CommandLine(new StreamMain()) : ProbeMain.commandLine();
        for (String subcommand : root.getSubcommands().keySet()) {
            all.addAll(readBy(app, subcommand));
        }
        return all;
    }

    private static Set<String> picocliEnv(CommandLine root, String subcommand) {
        CommandLine command = root.getSubcommands().get(subcommand);
        if (command == null) {
            throw new AssertionError("no subcommand '" + subcommand + "'; known: " + root.getSubcommands().keySet());
        }
        // Without interpolation, defaultValue() is the text as written: ${env:NAME:-fallback}.
        command.setInterpolateVariables(false);
        Set<String> names = new TreeSet<>();
        for (OptionSpec option : command.getCommandSpec().options()) {
            String defaultValue = option.defaultValue();
            if (defaultValue != null) {
                Matcher m = PICOCLI_ENV.matcher(defaultValue);
                while (m.find()) {
                    names.add(m.group(1));
                }
            }
        }
        return names;
    }

    /** RunCommand.CONFIG_ENV is package-private; read it rather than repeat its value. */
    private static String agentConfigFileVariable() {
        try {
            Field field = Class.forName("io.pmtuwatch.probe.cli.RunCommand").getDeclaredField("CONFIG_ENV");
            field.setAccessible(true);
            return (String) field.get(null);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("RunCommand.CONFIG_ENV moved: update KnownEnvironment", e);
        }
    }

    /** Variables in the logback.xml packaged with the class's own jar (each jar has its own). */
    static Set<String> logbackVariables(Class<?> appClass) {
        Set<String> names = new TreeSet<>();
        try {
            Path location = Path.of(appClass.getProtectionDomain().getCodeSource().getLocation().toURI());
            String xml;
            if (Files.isDirectory(location)) {
                xml = Files.readString(location.resolve("logback.xml"));
            } else {
                try (FileSystem jar = FileSystems.newFileSystem(location)) {
                    xml = Files.readString(jar.getPath("logback.xml"));
                }
            }
            Matcher m = LOGBACK_VARIABLE.matcher(xml);
            while (m.find()) {
                names.add(m.group(1));
            }
        } catch (IOException | URISyntaxException e) {
            throw new AssertionError("cannot read logback.xml next to " + appClass, e);
        }
        return names;
    }
}
