package io.pmtuwatch.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.pmtuwatch.probe.agent.AgentSetting;
import io.pmtuwatch.probe.cli.ProbeMain;
import io.pmtuwatch.stream.cli.StreamMain;
import io.pmtuwatch.stream.config.Setting;
import io.pmtuwatch.stream.config.Settings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * README's settings table is made from the settings themselves: the agent's {@link AgentSetting}s,
 * the processor's {@link Settings}, and the environment-backed options of the other commands. A
 * setting added, renamed or re-defaulted without the table fails here, with the table to paste.
 */
class SettingsTableTest {

    private static final String START = "<!-- settings table: made by SettingsTableTest -->\n";
    private static final String END = "<!-- end of settings table -->";
    private static final Pattern ENV = Pattern.compile("^\\$\\{env:(PMTU_[A-Z0-9_]+)(?::-(.*))?}$");

    @Test
    void readmeTableListsEverySetting() throws Exception {
        String readme = Files.readString(Path.of("..", "README.md"));
        int start = readme.indexOf(START);
        int end = readme.indexOf(END);
        assertThat(start).as("README lacks the settings table markers").isNotNegative();
        String table = table();
        if (!readme.substring(start + START.length(), end).equals(table)) {
            Files.writeString(Path.of("target", "settings-table.md"), table);
        }
        assertThat(readme.substring(start + START.length(), end))
                .as("README's settings table is out of date: paste demo/target/settings-table.md between the markers")
                .isEqualTo(table);
    }

    static String table() {
        List<String> rows = new ArrayList<>();
        rows.add("| app | setting | environment variable | default | meaning |");
        rows.add("|---|---|---|---|---|");
        for (AgentSetting s : AgentSetting.values()) {
            rows.add(row("agent (`run`)", "`" + s.configKey() + "`, `" + s.option() + "`", s.envVar(), s.defaultValue(),
                    s.description()));
        }
        for (Setting<?> s : Settings.ALL) {
            rows.add(row("processor (`process`)", "`" + s.key() + "`", s.envVar(), s.defaultValue(), s.doc()));
        }
        options(rows, "capture, replay", ProbeMain.commandLine().getSubcommands().get("capture"));
        options(rows, "sink", new CommandLine(new StreamMain()).getSubcommands().get("sink"));
        options(rows, "setup", new CommandLine(new StreamMain()).getSubcommands().get("setup"));
        return String.join("\n", rows) + "\n";
    }

    /** Options whose default comes from a PMTU_ variable (the others are command-line only). */
    private static void options(List<String> rows, String app, CommandLine command) {
        command.setInterpolateVariables(false);
        for (OptionSpec option : command.getCommandSpec().options()) {
            String value = option.defaultValue();
            Matcher m = value == null ? null : ENV.matcher(value);
            if (m == null || !m.matches()) {
                continue;
            }
            String fallback = m.group(2);
            // ${env:PMTU_X:-${env:OLD:-default}}: the default is the innermost one.
            while (fallback != null && fallback.startsWith("${env:")) {
                int colon = fallback.indexOf(":-");
                fallback = colon < 0 ? null : fallback.substring(colon + 2, fallback.length() - 1);
            }
            String description = String.join(" ", option.description()).replaceAll("\\s*\\(env [^)]*\\)", "")
                    .replace("Default: ${DEFAULT-VALUE}", "").replace(" (default: ${DEFAULT-VALUE})", "").trim();
            rows.add(row(app, "`" + option.longestName() + "`", m.group(1), fallback, description));
        }
    }

    private static String row(String app, String setting, String env, String defaultValue, String meaning) {
        String shown = defaultValue == null || defaultValue.isEmpty() ? "" : "`" + defaultValue + "`";
        return "| " + app + " | " + setting + " | `" + env + "` | " + shown + " | "
                + meaning.replace("|", "\\|").replace("*", "\\*") + " |";
    }
}
