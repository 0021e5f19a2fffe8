package io.pmtuwatch.stream.sink.pipeline;

/** What the sink does with one document after Elasticsearch answered (or did not). */
public enum Verdict {
    /** Stored. */
    STORED,
    /** 409: a newer version is already stored (external versioning); nothing left to do. */
    SUPERSEDED,
    /** Try again later: Elasticsearch unreachable, overloaded (429) or failing (5xx). */
    RETRY,
    /** Rejected for good (mapping conflict, malformed value: other 4xx): dead-letter it. */
    REJECTED;

    /** Classifies the HTTP status of one bulk item. */
    public static Verdict ofStatus(int status) {
        if (status >= 200 && status < 300) {
            return STORED;
        }
        if (status == 409) {
            return SUPERSEDED;
        }
        if (status == 408 || status == 429 || status >= 500) {
            return RETRY;
        }
        return REJECTED;
    }
}
