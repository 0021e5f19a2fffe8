package io.pmtuwatch.probe.capture;

import io.pmtuwatch.probe.kafka.KafkaObservationPublisher;
import io.pmtuwatch.schemas.Topics;
import io.pmtuwatch.schemas.client.KafkaClientConfigFile;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Option;

/** Where {@code capture} and {@code replay} publish: the same settings as the agent's. */
public final class KafkaOptions {

    @Option(names = "--bootstrap-servers", required = true, paramLabel = "HOST:PORT",
            defaultValue = "${env:PMTU_KAFKA_BOOTSTRAP_SERVERS:-${env:KAFKA_BOOTSTRAP_SERVERS}}",
            description = "Kafka bootstrap servers (env PMTU_KAFKA_BOOTSTRAP_SERVERS).")
    String bootstrapServers;

    @Option(names = "--kafka-config", paramLabel = "FILE", defaultValue = "${env:PMTU_KAFKA_CONFIG}",
            description = "Kafka client properties file: security.protocol, sasl.*, ssl.*, tuning (env PMTU_KAFKA_CONFIG).")
    Path kafkaConfig;

    @Option(names = "--hop-topic", paramLabel = "TOPIC",
            defaultValue = "${env:PMTU_TOPIC_HOP_OBSERVATIONS:-" + Topics.HOP_OBSERVATIONS + "}",
            description = "Topic of hop observations (env PMTU_TOPIC_HOP_OBSERVATIONS, default: ${DEFAULT-VALUE}).")
    String hopTopic;

    @Option(names = "--handshake-topic", paramLabel = "TOPIC",
            defaultValue = "${env:PMTU_TOPIC_HANDSHAKE_OBSERVATIONS:-" + Topics.HANDSHAKE_OBSERVATIONS + "}",
            description = "Topic of handshake observations (env PMTU_TOPIC_HANDSHAKE_OBSERVATIONS, default: ${DEFAULT-VALUE}).")
    String handshakeTopic;

    @Option(names = "--agent-id", paramLabel = "ID", defaultValue = "${env:PMTU_AGENT_ID:-passive}",
            description = "Agent id, part of every path id (env PMTU_AGENT_ID, default: ${DEFAULT-VALUE}).")
    String agentId;

    KafkaObservationPublisher publisher(String clientId) {
        Map<String, String> clientConfig = kafkaConfig == null ? Map.of() : KafkaClientConfigFile.load(kafkaConfig);
        return KafkaObservationPublisher.create(bootstrapServers, clientConfig, clientId, hopTopic, handshakeTopic);
    }
}
