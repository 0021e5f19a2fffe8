package io.pmtuwatch.probe.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.assertj.core.api.Assertions.assertThat;

/** The command line a short command gets holds only its own subcommand; the full tree stays for the rest. */
class ProbeMainTest {

    @Test
    void aNamedCommandGetsOnlyItsOwnSubcommand() {
        assertThat(ProbeMain.commandLineFor(new String[] {"trace", "--no-mss", "192.0.2.1"}).getSubcommands())
                .containsOnlyKeys("trace");
        assertThat(ProbeMain.commandLineFor(new String[] {"analyze", "x.pcap"}).getSubcommands()).containsOnlyKeys("analyze");
        assertThat(ProbeMain.commandLineFor(new String[] {"--version"}).getSubcommands()).isEmpty();
    }

    @Test
    void helpNoCommandAndUnknownCommandsGetTheWholeTree() {
        String[][] cases = {{}, {"help", "trace"}, {"--help"}, {"bogus"}, {"--version", "trace"}};
        for (String[] args : cases) {
            assertThat(ProbeMain.commandLineFor(args).getSubcommands())
                    .containsOnlyKeys("trace", "run", "analyze", "replay", "capture", "clamp", "help");
        }
    }

    @Test
    void theLeanTreeNamesAndConvertsLikeTheWholeOne() {
        CommandLine lean = ProbeMain.commandLineFor(new String[] {"trace", "192.0.2.1"});
        assertThat(lean.getSubcommands().get("trace").getCommandSpec().qualifiedName()).isEqualTo("pmtu-probe trace");
        StringWriter err = new StringWriter();
        lean.setErr(new PrintWriter(err));
        // A bad option value is a usage error (exit 2) naming the option, as in the whole tree.
        assertThat(lean.execute("trace", "--flows=x", "192.0.2.1")).isEqualTo(2);
        assertThat(err.toString()).contains("--flows");
    }

    @Test
    void runKeepsTheOptionsItsSettingsAdd() {
        // run's setting options come from a model transformer, which the lean tree must apply too.
        for (CommandLine tree : new CommandLine[] {ProbeMain.commandLineFor(new String[] {"run", "--once"}),
                ProbeMain.commandLine()}) {
            CommandLine run = tree.getSubcommands().get("run");
            assertThat(run.getCommandSpec().findOption("--targets")).isNotNull();
            assertThat(run.getCommandSpec().findOption("--jitter")).isNotNull();
        }
    }

    @Test
    void versionPrintsAVersion() {
        StringWriter out = new StringWriter();
        CommandLine cl = ProbeMain.commandLineFor(new String[] {"--version"});
        cl.setOut(new PrintWriter(out));
        assertThat(cl.execute("--version")).isZero();
        assertThat(out.toString()).startsWith("pmtu-probe ");
    }

    @Test
    void everySubcommandPrintsTheVersionToo() {
        // The subcommands are added lazily; each must still inherit the version (it printed an empty line).
        for (String name : ProbeMain.commandLine().getSubcommands().keySet()) {
            if (name.equals("help")) {
                continue;
            }
            StringWriter out = new StringWriter();
            CommandLine cl = ProbeMain.commandLineFor(new String[] {name, "--version"});
            cl.setOut(new PrintWriter(out));
            assertThat(cl.execute(name, "--version")).as(name).isZero();
            assertThat(out.toString().strip()).as(name).matches("pmtu-probe " + name + " \\S.*");
        }
    }
}
