package io.pmtuwatch.stream.topology;

import io.pmtuwatch.stream.config.ProcessorConfig;
import io.pmtuwatch.stream.metrics.PipelineMetrics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;

import java.util.Optional;
import java.util.Properties;

/** Kafka Streams settings every instance of the processor runs with, derived from its configuration. */
public final class StreamsSettings {

    private StreamsSettings() {
    }

    /**
     * @param applicationServer {@code host:port} of this instance's query API, so other instances can
     *                          route interactive queries to it
     */
    public static Properties of(ProcessorConfig config, PipelineMetrics metrics, Optional<String> applicationServer) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, config.applicationId());
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, config.operations().processingGuarantee().streamsValue());
        props.put(StreamsConfig.STATE_DIR_CONFIG, config.stateDir().toString());
        props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, config.streamThreads());
        props.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, config.standbyReplicas());
        props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, config.replicationFactor());
        // Output becomes visible to read_committed consumers at each commit: diagnoses must leave
        // within a second of a run's last observation.
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, (int) config.commitInterval().toMillis());
        props.put(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, config.topology().topics().deadLetter());
        props.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterDeserializationHandler.class);
        props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterProcessingHandler.class);
        props.put(StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterProductionHandler.class);
        // No global stores today; enabled so a future one cannot silently bypass the dead-letter path.
        props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, true);
        // Kafka Streams 4.3 gives its partition assignor a copy of the settings made from the main consumer's,
        // which leave this one out, and that copy warns that it is off (once per stream thread and rebalance
        // protocol start): passed to the main consumer too, the copy sees it on. The consumer ignores the key.
        props.put(StreamsConfig.mainConsumerPrefix(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG), true);
        props.put(PipelineMetrics.CONFIG_KEY, metrics);
        props.put(StreamsConfig.producerPrefix(ProducerConfig.COMPRESSION_TYPE_CONFIG), "lz4");
        // Send while processing, not at the commit: with Streams' producer default (linger 100 ms, the
        // commit interval) nearly every record was sent by the commit's flush, and the stream thread
        // waited for the broker to take them all. Profiled with the bench (bench/README.md): waiting in
        // the commit went from 44% of the topology's wall time (50 ms per flush) to 36% (31 ms).
        props.put(StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG), 5);
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
        // A task processes what it has buffered without first checking its other input partitions: with
        // the default (0) Kafka formats log text for an empty partition at every readiness check, once
        // per record and per idle task (8% of either app's samples in the bench). Run assembly does not
        // rely on its two inputs being read in step (see RunAssembler); bench: the topology's CPU per
        // observation -13%, the pass-through's -20% (stream-processor/README.md, Capacity).
        props.put(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, StreamsConfig.MAX_TASK_IDLE_MS_DISABLED);
        // A member that dies without leaving (kill -9; static members never leave) holds its tasks for
        // the session timeout: Kafka's 45 s is the whole fail-over time, with or without standbys.
        long session = config.operations().sessionTimeout().toMillis();
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG), (int) session);
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG), (int) Math.max(100, session / 3));
        applicationServer.ifPresent(server -> props.put(StreamsConfig.APPLICATION_SERVER_CONFIG, server));
        InstanceIds.of(config).ifPresent(id -> props.put(StreamsConfig.mainConsumerPrefix(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG), id));
        props.putAll(config.kafkaClientConfig());
        props.putAll(config.streamsOverrides());
        return props;
    }
}
