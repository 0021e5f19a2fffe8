package io.pmtuwatch.stream.config;

import java.nio.file.Path;
import java.time.Duration;
import io.pmtuwatch.schemas.client.KafkaClientConfigException;
import io.pmtuwatch.schemas.client.KafkaClientConfigFile;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.Optional;

/** The whole, typed configuration of one stream-processor instance. */
public record ProcessorConfig(String bootstrapServers, String applicationId, Path stateDir, int streamThreads,
                              int standbyReplicas, int replicationFactor, boolean createTopics, Duration commitInterval,
                              TopologyConfig topology, String queryBind, int queryPort, Optional<String> queryAdvertisedHost,
                              Map<String, String> kafkaClientConfig, Map<String, String> streamsOverrides,
                              OperationsSettings operations) {

    public ProcessorConfig {
        // --print-config and logs show these masked: they may hold passwords.
        kafkaClientConfig = KafkaClientConfigFile.masked(kafkaClientConfig);
        streamsOverrides = KafkaClientConfigFile.masked(streamsOverrides);
    }

    /** With the state directory's default taken from this process's environment. */
    public static ProcessorConfig from(RawConfig raw) {
        return from(raw, System.getenv());
    }

    public static ProcessorConfig from(RawConfig raw, Map<String, String> environment) {
        String advertised = raw.get(Settings.QUERY_ADVERTISED_HOST);
        return new ProcessorConfig(raw.get(Settings.BOOTSTRAP_SERVERS), raw.get(Settings.APPLICATION_ID),
                StateDirectories.resolve(raw.get(Settings.STATE_DIR), environment, Path.of(System.getProperty("user.home"))), raw.get(Settings.STREAM_THREADS), raw.get(Settings.STANDBY_REPLICAS),
                raw.get(Settings.REPLICATION_FACTOR), raw.get(Settings.CREATE_TOPICS), raw.get(Settings.COMMIT_INTERVAL),
                TopologyConfig.from(raw), raw.get(Settings.QUERY_BIND), raw.get(Settings.QUERY_PORT),
                advertised.isEmpty() ? Optional.empty() : Optional.of(advertised), kafkaClientConfig(raw),
                raw.streamsOverrides(), OperationsSettings.from(raw));
    }

    private static Map<String, String> kafkaClientConfig(RawConfig raw) {
        String file = raw.get(Settings.KAFKA_CONFIG);
        if (file.isEmpty()) {
            return Map.of();
        }
        try {
            return KafkaClientConfigFile.load(Path.of(file));
        } catch (KafkaClientConfigException e) {
            throw new ConfigException(raw.origin(Settings.KAFKA_CONFIG) + ": " + Settings.KAFKA_CONFIG.key() + ": "
                    + e.getMessage());
        }
    }

    /**
     * Settings for a plain Kafka client of this instance (topic creation): the client config file,
     * then the {@code streams.*} keys that are client settings, so security given either way applies.
     */
    public Map<String, Object> plainClientConfig(Set<String> clientSettings) {
        Map<String, Object> out = new LinkedHashMap<>(kafkaClientConfig);
        streamsOverrides.forEach((key, value) -> {
            if (clientSettings.contains(key)) {
                out.put(key, value);
            }
        });
        out.put("bootstrap.servers", bootstrapServers);
        return out;
    }

    public boolean queryEnabled() {
        return queryPort >= 0;
    }
}
