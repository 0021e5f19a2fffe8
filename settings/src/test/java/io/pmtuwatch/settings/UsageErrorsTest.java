package io.pmtuwatch.settings;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.assertj.core.api.Assertions.assertThat;

class UsageErrorsTest {

    @Command(name = "tool", mixinStandardHelpOptions = true, subcommands = Sub.class)
    static final class Tool implements Runnable {
        @Override
        public void run() {
        }
    }

    @Command(name = "sub", mixinStandardHelpOptions = true, description = "A subcommand with many options.")
    static final class Sub implements Runnable {
        @Option(names = "--port", converter = PortNumber.class, description = "A port.")
        int port;

        @Option(names = "--count", description = "A count.")
        int count;

        @Override
        public void run() {
        }
    }

    private static String[] run(String... args) {
        StringWriter err = new StringWriter();
        CommandLine cl = UsageErrors.install(new CommandLine(new Tool()));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        return new String[] {String.valueOf(code), err.toString()};
    }

    @Test
    void aBadOptionGetsTheErrorAndWhereTheHelpIsNotTheWholeUsage() {
        String[] r = run("sub", "--count", "many");
        assertThat(r[0]).isEqualTo("2");
        assertThat(r[1].lines().toList()).containsExactly(
                "Invalid value for option '--count': 'many' is not an int",
                "Try 'tool sub --help' for its options.");
    }

    @Test
    void aMistypedCommandGetsASuggestion() {
        String[] r = run("subb");
        assertThat(r[0]).isEqualTo("2");
        assertThat(r[1]).contains("'subb'").contains("Did you mean: tool sub?")
                .contains("Try 'tool --help'").doesNotContain("Usage:");
    }

    @Test
    void aPortOutsideOneTo65535IsRefusedWithTheOptionsName() {
        assertThat(run("sub", "--port", "65535")[0]).isEqualTo("0");
        assertThat(run("sub", "--port", "1")[0]).isEqualTo("0");
        for (String bad : new String[] {"0", "65536", "-1", "99999", "http"}) {
            String[] r = run("sub", "--port", bad);
            assertThat(r[0]).as(bad).isEqualTo("2");
            assertThat(r[1]).as(bad).startsWith("Invalid value for option '--port': ").contains("(1-65535)");
        }
    }
}
