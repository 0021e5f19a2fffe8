package io.pmtuwatch.embedded;

import java.util.Map;

/**
 * Broker settings for the single-broker test cluster.
 *
 * <p>Kafka's defaults assume three brokers: internal topics ask for replication factor 3 and would
 * never be created here, so consumer groups, transactions (exactly_once_v2 Streams, transactional
 * producers) and share groups would hang. Every internal topic therefore gets replication factor 1
 * and min ISR 1. Fewer partitions and no initial rebalance delay only make tests start faster; they
 * change no semantics the pipeline relies on.
 */
public final class KafkaBrokerConfig {

    private KafkaBrokerConfig() {
    }

    public static Map<String, String> overrides() {
        return Map.ofEntries(
                Map.entry("offsets.topic.replication.factor", "1"),
                Map.entry("offsets.topic.num.partitions", "5"),
                Map.entry("transaction.state.log.replication.factor", "1"),
                Map.entry("transaction.state.log.min.isr", "1"),
                Map.entry("transaction.state.log.num.partitions", "5"),
                Map.entry("share.coordinator.state.topic.replication.factor", "1"),
                Map.entry("share.coordinator.state.topic.min.isr", "1"),
                Map.entry("share.coordinator.state.topic.num.partitions", "5"),
                Map.entry("default.replication.factor", "1"),
                Map.entry("min.insync.replicas", "1"),
                Map.entry("group.initial.rebalance.delay.ms", "0"),
                Map.entry("group.streams.initial.rebalance.delay.ms", "0"));
    }
}
