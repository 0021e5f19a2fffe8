package io.pmtuwatch.stream.topology;

import org.apache.kafka.streams.StreamsConfig;

import java.util.Map;

/** The dead-letter topic both exception handlers write to; refusing to start without one, since records would be lost. */
final class DeadLetterTopicConfig {

    private DeadLetterTopicConfig() {
    }

    static String from(Map<String, ?> configs, String whatWouldBeLost) {
        Object topic = configs.get(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG);
        if (topic == null) {
            throw new IllegalStateException(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG
                    + " must be set: without it " + whatWouldBeLost + " would be lost");
        }
        return topic.toString();
    }
}
