package io.pmtuwatch.settings;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.assertj.core.api.Assertions.assertThat;

class BuildVersionTest {

    @Command(name = "tool", mixinStandardHelpOptions = true, versionProvider = BuildVersion.class,
            scope = CommandLine.ScopeType.INHERIT, subcommands = Sub.class)
    static final class Tool implements Runnable {
        @Override
        public void run() {
        }
    }

    @Command(name = "sub", mixinStandardHelpOptions = true)
    static final class Sub implements Runnable {
        @Override
        public void run() {
        }
    }

    @Test
    void aSubcommandPrintsItsFullNameAndTheVersion() {
        for (String[] args : new String[][] {{"--version"}, {"sub", "--version"}, {"sub", "-V"}}) {
            StringWriter out = new StringWriter();
            CommandLine cl = new CommandLine(new Tool());
            cl.setOut(new PrintWriter(out));
            assertThat(cl.execute(args)).isZero();
            String expected = (args.length == 1 ? "tool " : "tool sub ") + BuildVersion.version();
            assertThat(out.toString().strip()).isEqualTo(expected);
        }
    }

    @Test
    void classesOutsideAJarAreADevelopmentBuild() {
        // Tests run from target/classes, whose package has no manifest.
        assertThat(BuildVersion.version()).isEqualTo(BuildVersion.DEVELOPMENT);
        assertThat(BuildVersion.of(null)).isEqualTo(BuildVersion.DEVELOPMENT);
        assertThat(BuildVersion.of(String.class.getPackage())).isEqualTo(BuildVersion.DEVELOPMENT);
    }
}
