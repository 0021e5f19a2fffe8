package io.pmtuwatch.stream.sink.pipeline;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.TimeUnit;

/**
 * The sink's lines about Elasticsearch: one when it stops taking documents (failing requests, or no
 * answer at all while records wait: a frozen node), one per period while that lasts, one when it
 * takes documents again. Called from the sink's thread only; the clock is a parameter.
 */
final class OutageLog {

    private static final Logger log = LoggerFactory.getLogger(ElasticsearchSink.class);

    private final long periodNanos;
    private final long stallNanos;
    private long outageSinceNanos = -1;
    private long lastLineNanos;
    private long lastProgressNanos;

    OutageLog(long periodNanos, long stallNanos, long nowNanos) {
        this.periodNanos = periodNanos;
        this.stallNanos = stallNanos;
        this.lastProgressNanos = nowNanos;
    }

    static OutageLog standard(long nowNanos) {
        return new OutageLog(TimeUnit.SECONDS.toNanos(30), TimeUnit.SECONDS.toNanos(30), nowNanos);
    }

    boolean inOutage() {
        return outageSinceNanos >= 0;
    }

    /** Elasticsearch answered with an error it may recover from (down, 429, 5xx). */
    void failed(long nowNanos, String error, int openRecords) {
        if (!inOutage()) {
            outageSinceNanos = nowNanos;
            lastLineNanos = nowNanos;
            log.warn("Elasticsearch does not take documents ({}); retrying with backoff, offsets held, {} records open",
                    error, openRecords);
        } else if (nowNanos - lastLineNanos >= periodNanos) {
            lastLineNanos = nowNanos;
            log.warn("Elasticsearch still does not take documents after {} s ({}); {} records open", seconds(nowNanos),
                    error, openRecords);
        }
    }

    /** A document was stored (or found superseded): Elasticsearch works. */
    void progressed(long nowNanos) {
        lastProgressNanos = nowNanos;
        if (inOutage()) {
            log.warn("Elasticsearch takes documents again after {} s", seconds(nowNanos));
            outageSinceNanos = -1;
        }
    }

    /** Each loop of the sink: notices an Elasticsearch that answers nothing while records wait. */
    void tick(long nowNanos, int openRecords) {
        if (openRecords == 0) {
            lastProgressNanos = nowNanos;
            return;
        }
        if (nowNanos - lastProgressNanos < stallNanos) {
            return;
        }
        if (!inOutage()) {
            outageSinceNanos = lastProgressNanos;
            lastLineNanos = nowNanos;
            log.warn("Elasticsearch has not answered for {} s while {} records wait (a stalled or frozen node?)",
                    seconds(nowNanos), openRecords);
        } else if (nowNanos - lastLineNanos >= periodNanos) {
            lastLineNanos = nowNanos;
            log.warn("Elasticsearch still has not stored anything after {} s; {} records open", seconds(nowNanos),
                    openRecords);
        }
    }

    private long seconds(long nowNanos) {
        return TimeUnit.NANOSECONDS.toSeconds(nowNanos - outageSinceNanos);
    }
}
