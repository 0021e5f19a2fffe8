package io.pmtuwatch.stream.sink.pipeline;

import java.util.concurrent.atomic.AtomicLong;

/** Counters of the sink, readable from any thread (logs, tests, the bench command). */
public final class SinkStats {

    final AtomicLong recordsRead = new AtomicLong();
    final AtomicLong documentsStored = new AtomicLong();
    final AtomicLong documentsSuperseded = new AtomicLong();
    final AtomicLong retries = new AtomicLong();
    final AtomicLong deadLetters = new AtomicLong();
    final AtomicLong commits = new AtomicLong();
    /** Wall-clock time Elasticsearch last stored (or found superseded) a document; 0 before the first. */
    final AtomicLong lastStoredAtMillis = new AtomicLong();
    /** Records not yet read plus read but not yet stored, as the sink's thread last measured it; -1 if unknown. */
    final AtomicLong recordsBehind = new AtomicLong(-1);

    public long recordsRead() {
        return recordsRead.get();
    }

    public long documentsStored() {
        return documentsStored.get();
    }

    public long documentsSuperseded() {
        return documentsSuperseded.get();
    }

    public long retries() {
        return retries.get();
    }

    public long deadLetters() {
        return deadLetters.get();
    }

    public long commits() {
        return commits.get();
    }

    public long lastStoredAtMillis() {
        return lastStoredAtMillis.get();
    }

    public long recordsBehind() {
        return recordsBehind.get();
    }

    @Override
    public String toString() {
        return "records read " + recordsRead + ", documents stored " + documentsStored + ", superseded "
                + documentsSuperseded + ", retries " + retries + ", dead letters " + deadLetters + ", commits " + commits;
    }
}
