package io.pmtuwatch.stream.sink;

import io.pmtuwatch.schemas.Topics;

/** The topics the sink reads, and where documents that Elasticsearch rejects for good go. */
public record SinkTopics(String diagnoses, String anomalies, String links, String deadLetter) {

    public static SinkTopics standard() {
        return new SinkTopics(Topics.DIAGNOSES, Topics.ANOMALIES, Topics.LINKS, Topics.DEAD_LETTER);
    }
}
