package io.pmtuwatch.probe.cli;

/** Exit statuses of the probe's commands. */
public final class ExitCodes {

    /** Nothing worse than informational findings. */
    public static final int OK = 0;
    /** The diagnosis has warnings or critical findings. */
    public static final int FINDINGS = 1;
    /** The command could not do its job (bad input, no permission, network error). */
    public static final int ERROR = 2;

    private ExitCodes() {
    }
}
