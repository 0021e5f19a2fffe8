package io.pmtuwatch.stream.config;

/**
 * What the topology needs to know: topic names, run-assembly timing, anomaly thresholds, ageing, event-time tolerances,
 * and the partition count of its internal link repartition topic. Built from a {@link RawConfig}
 * (every value checked), so tests and the command line go through the same validation.
 */
public record TopologyConfig(TopicNames topics, AssemblySettings assembly, AnomalySettings anomalies,
                             AgeingSettings ageing, EventTimeSettings eventTime, int partitions) {

    public static TopologyConfig defaults() {
        return from(RawConfig.empty());
    }

    public static TopologyConfig from(RawConfig raw) {
        return new TopologyConfig(TopicNames.from(raw), AssemblySettings.from(raw), AnomalySettings.from(raw),
                AgeingSettings.from(raw), EventTimeSettings.from(raw), raw.get(Settings.PARTITIONS));
    }

    public TopologyConfig withTopics(TopicNames names) {
        return new TopologyConfig(names, assembly, anomalies, ageing, eventTime, partitions);
    }
}
