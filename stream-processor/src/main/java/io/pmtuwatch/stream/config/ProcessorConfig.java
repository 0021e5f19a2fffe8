package io.pmtuwatch.stream.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** The whole, typed configuration of one stream-processor instance. */
public record ProcessorConfig(String bootstrapServers, String applicationId, Path stateDir, int streamThreads,
                              int standbyReplicas, int replicationFactor, boolean createTopics, Duration commitInterval,
                              TopologyConfig topology, String queryBind, int queryPort, Optional<String> queryAdvertisedHost,
                              Map<String, String> streamsOverrides) {

    public static ProcessorConfig from(RawConfig raw) {
        String advertised = raw.get(Settings.QUERY_ADVERTISED_HOST);
        return new ProcessorConfig(raw.get(Settings.BOOTSTRAP_SERVERS), raw.get(Settings.APPLICATION_ID),
                Path.of(raw.get(Settings.STATE_DIR)), raw.get(Settings.STREAM_THREADS), raw.get(Settings.STANDBY_REPLICAS),
                raw.get(Settings.REPLICATION_FACTOR), raw.get(Settings.CREATE_TOPICS), raw.get(Settings.COMMIT_INTERVAL),
                TopologyConfig.from(raw), raw.get(Settings.QUERY_BIND), raw.get(Settings.QUERY_PORT),
                advertised.isEmpty() ? Optional.empty() : Optional.of(advertised), raw.streamsOverrides());
    }

    public boolean queryEnabled() {
        return queryPort >= 0;
    }
}
