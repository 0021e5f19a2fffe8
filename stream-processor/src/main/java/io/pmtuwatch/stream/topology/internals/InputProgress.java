package io.pmtuwatch.stream.topology.internals;

/**
 * How far one input topic of a task has been read, in the records' own timestamps, and when it was
 * last read by the processor's clock. Run assembly asks it whether a missing part of a run (its
 * handshake on one topic, hops on the other) can still arrive: a wall-clock timer alone cannot tell,
 * because the two topics of a task are not read in step when the processor is behind (after a
 * restore or a rebalance, under load, or while a backlog is read): a run's parts may then be
 * processed minutes apart in wall-clock time although they were written together.
 *
 * <p>A part with timestamp up to {@code t} can no longer come when the topic has been read past
 * {@code t}; or when the topic has been quiet for a while and the processor was reading it live (its
 * last record was fresh when read; or nothing was read yet and the part would be fresh); or, failing
 * that, when it has been quiet for a long time.
 */
public final class InputProgress {

    /** A record at most this old (processor clock minus its timestamp) when read was read live. */
    static final long LIVE_MS = 2_000;
    private static final long NEVER = Long.MIN_VALUE;

    private long newestMs = NEVER;
    private long lastRecordMs = NEVER;
    private long lastReadWallMs;

    /** @param startWallMs when the task started reading (quiet time counts from there) */
    public InputProgress(long startWallMs) {
        this.lastReadWallMs = startWallMs;
    }

    public void read(long recordTimestampMs, long nowWallMs) {
        newestMs = Math.max(newestMs, recordTimestampMs);
        lastRecordMs = recordTimestampMs;
        lastReadWallMs = nowWallMs;
    }

    /** A record stamped {@code timestampMs} or later has been read. */
    public boolean readPast(long timestampMs) {
        return newestMs != NEVER && newestMs >= timestampMs;
    }

    public long quietMs(long nowWallMs) {
        return nowWallMs - lastReadWallMs;
    }

    /** The last record read was fresh: the processor was at the head of this topic then. */
    public boolean wasLive() {
        return lastRecordMs != NEVER && lastReadWallMs - lastRecordMs <= LIVE_MS;
    }

    /**
     * Whether a record stamped at or before {@code timestampMs} can still arrive on this topic.
     *
     * @param settleMs quiet time after which a topic read live has nothing more
     * @param giveUpMs quiet time after which the topic is taken to have nothing more in any case
     * @param partIsFresh the part would have been written recently (so a topic never read and quiet is telling)
     */
    public boolean mayStillBring(long timestampMs, long nowWallMs, long settleMs, long giveUpMs, boolean partIsFresh) {
        if (readPast(timestampMs)) {
            return false;
        }
        long quiet = quietMs(nowWallMs);
        if (quiet >= settleMs && (wasLive() || (lastRecordMs == NEVER && partIsFresh))) {
            return false;
        }
        return quiet < giveUpMs;
    }
}
