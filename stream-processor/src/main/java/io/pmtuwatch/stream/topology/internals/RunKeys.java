package io.pmtuwatch.stream.topology.internals;

/**
 * Store keys of run assembly. A run is {@code pathId NUL runId}. A passive
 * observation is remembered under {@code pathId NUL SOH digest}: SOH cannot start a run id written
 * by a probe, so passive keys never collide with runs.
 */
public final class RunKeys {

    static final char SEPARATOR = '\u0000';
    private static final char PASSIVE_MARK = '\u0001';

    private RunKeys() {
    }

    public static String run(String pathId, String runId) {
        return pathId + SEPARATOR + runId;
    }

    public static String passive(String pathId, String digest) {
        return pathId + SEPARATOR + PASSIVE_MARK + digest;
    }

    public static String pathOf(String runKey) {
        return runKey.substring(0, runKey.indexOf(SEPARATOR));
    }
}
