package io.pmtuwatch.stream.topology;

import io.pmtuwatch.stream.DiagnosisRules;
import io.pmtuwatch.stream.config.ProcessorConfig;
import io.pmtuwatch.stream.config.RawConfig;
import io.pmtuwatch.stream.config.Settings;
import io.pmtuwatch.stream.metrics.PipelineMetrics;
import org.apache.kafka.streams.TopologyTestDriver;

import java.nio.file.Path;
import java.util.Optional;

/** The processor's topology with the standard rules and default settings in a TopologyTestDriver, for tests of its stores. */
public final class StandardTopologyDriver {

    private StandardTopologyDriver() {
    }

    /** A driver whose stores live under {@code stateDir}; no broker is contacted. */
    public static TopologyTestDriver open(Path stateDir) {
        ProcessorConfig config = ProcessorConfig.from(RawConfig.empty()
                .with(Settings.BOOTSTRAP_SERVERS, "127.0.0.1:1")
                .with(Settings.STATE_DIR, stateDir.toString()));
        PipelineMetrics metrics = new PipelineMetrics();
        return new TopologyTestDriver(DiagnosisTopology.build(config.topology(), DiagnosisRules.standard(), metrics),
                StreamsSettings.of(config, metrics, Optional.empty()));
    }
}
