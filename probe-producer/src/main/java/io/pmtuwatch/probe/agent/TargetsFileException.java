package io.pmtuwatch.probe.agent;

import java.util.List;

/** A targets file that cannot be used; every problem names the file, line and column. */
public final class TargetsFileException extends Exception {

    private final transient List<String> problems;

    public TargetsFileException(List<String> problems) {
        super(String.join("\n", problems));
        this.problems = List.copyOf(problems);
    }

    /** One line per problem, each "file:line:column: what is wrong". */
    public List<String> problems() {
        return problems;
    }
}
