package io.pmtuwatch.bench.probe;

/**
 * One run of one tool: packets it sent (counted by the agent namespace's firewall), wall time, PMTU it
 * reported, and why it measured nothing when it refused the job (exit status, no output; null otherwise).
 */
record ToolRun(long probes, double wallMillis, Integer pmtu, String refused) {

    ToolRun(long probes, double wallMillis, Integer pmtu) {
        this(probes, wallMillis, pmtu, null);
    }

    /** The row's last column: right or wrong, or n/a when the tool could not do this measurement at all. */
    String verdict(int expectedPmtu) {
        if (refused != null) {
            return "n/a (" + refused + ")";
        }
        return pmtu != null && pmtu == expectedPmtu ? "yes" : "NO";
    }
}
