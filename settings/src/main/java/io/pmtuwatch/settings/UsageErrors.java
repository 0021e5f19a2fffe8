package io.pmtuwatch.settings;

import java.io.PrintWriter;
import picocli.CommandLine;

/**
 * How every app answers a bad command line: the error, picocli's suggestions for a mistyped name, and one line
 * naming {@code --help}, instead of the whole usage (40 lines, with the error scrolled off above it).
 */
public final class UsageErrors implements CommandLine.IParameterExceptionHandler {

    /** Installs this handler on {@code cl}; subcommands added before the call get it too. */
    public static CommandLine install(CommandLine cl) {
        cl.setParameterExceptionHandler(new UsageErrors());
        return cl;
    }

    @Override
    public int handleParseException(CommandLine.ParameterException e, String[] args) {
        CommandLine cmd = e.getCommandLine();
        PrintWriter err = cmd.getErr();
        err.println(cmd.getColorScheme().errorText(e.getMessage()));
        CommandLine.UnmatchedArgumentException.printSuggestions(e, err);
        err.println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help' for its options.");
        return cmd.getExitCodeExceptionMapper() != null
                ? cmd.getExitCodeExceptionMapper().getExitCode(e)
                : cmd.getCommandSpec().exitCodeOnInvalidInput();
    }
}
