package io.pmtuwatch.probe.agent;

import io.pmtuwatch.probe.handshake.MssMode;
import io.pmtuwatch.probe.kafka.ProducerSettings;
import io.pmtuwatch.schemas.Agent;
import io.pmtuwatch.schemas.client.KafkaClientConfigFile;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * The agent's settings, validated ({@link AgentConfigLoader}); see {@link AgentSetting} for meanings.
 */
public record AgentConfig(String agentId, String agentName, String agentLocation, String bootstrapServers,
                          Path targetsFile, int maxConcurrentRuns, double jitter, Duration handshakeTimeout,
                          MssMode mssMode, String hopTopic, String handshakeTopic, Duration shutdownGrace,
                          boolean locateClamps, Map<String, String> kafkaClientConfig, Duration deliveryTimeout,
                          Duration startupWait, int metricsPort, String metricsBind) {

    /** Without a metrics port (-1). */
    public AgentConfig(String agentId, String agentName, String agentLocation, String bootstrapServers,
                       Path targetsFile, int maxConcurrentRuns, double jitter, Duration handshakeTimeout,
                       MssMode mssMode, String hopTopic, String handshakeTopic, Duration shutdownGrace,
                       boolean locateClamps, Map<String, String> kafkaClientConfig, Duration deliveryTimeout,
                       Duration startupWait) {
        this(agentId, agentName, agentLocation, bootstrapServers, targetsFile, maxConcurrentRuns, jitter, handshakeTimeout,
                mssMode, hopTopic, handshakeTopic, shutdownGrace, locateClamps, kafkaClientConfig, deliveryTimeout,
                startupWait, -1, "127.0.0.1");
    }

    public AgentConfig {
        // Printed masked: the file holds passwords.
        kafkaClientConfig = KafkaClientConfigFile.masked(kafkaClientConfig);
    }

    /** Without a delivery timeout of its own: Kafka deliveries are retried for the default (see ProducerSettings). */
    public AgentConfig(String agentId, String agentName, String agentLocation, String bootstrapServers,
                       Path targetsFile, int maxConcurrentRuns, double jitter, Duration handshakeTimeout,
                       MssMode mssMode, String hopTopic, String handshakeTopic, Duration shutdownGrace,
                       boolean locateClamps, Map<String, String> kafkaClientConfig) {
        this(agentId, agentName, agentLocation, bootstrapServers, targetsFile, maxConcurrentRuns, jitter, handshakeTimeout,
                mssMode, hopTopic, handshakeTopic, shutdownGrace, locateClamps, kafkaClientConfig,
                ProducerSettings.DEFAULT_DELIVERY_TIMEOUT, Duration.ofMinutes(5), -1, "127.0.0.1");
    }

    /** The agent as it appears in every observation. */
    public Agent agent() {
        return Agent.newBuilder().setId(agentId).setName(agentName).setLocation(agentLocation).build();
    }
}
