package io.pmtuwatch.stream.topology;

import org.apache.kafka.streams.StreamsConfig;

import java.nio.file.Path;
import java.util.Properties;

/** Kafka Streams settings every instance of the processor runs with. */
public final class StreamsSettings {

    public static final String DEFAULT_APPLICATION_ID = "pmtu-stream-processor";

    private StreamsSettings() {
    }

    public static Properties of(String bootstrapServers, String applicationId, Path stateDir) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        // Diagnoses should leave within a second of a run's last observation: commit (and so make
        // transactional output visible) often.
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
        return props;
    }
}
