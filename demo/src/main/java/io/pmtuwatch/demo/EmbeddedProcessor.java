package io.pmtuwatch.demo;

import io.pmtuwatch.stream.DiagnosisRules;
import io.pmtuwatch.stream.config.ConfigLoader;
import io.pmtuwatch.stream.config.ProcessorConfig;
import io.pmtuwatch.stream.config.Settings;
import io.pmtuwatch.stream.app.ProcessorInstance;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** The stream processor inside the demo's JVM, configured the way an operator would: through its settings. */
final class EmbeddedProcessor implements AutoCloseable {

    static final int DEMO_PARTITIONS = 2;

    private final ProcessorInstance instance;

    private EmbeddedProcessor(ProcessorInstance instance) {
        this.instance = instance;
    }

    static EmbeddedProcessor start(String bootstrapServers, Path stateDir, int queryPort, PrintStream out) {
        Map<String, String> settings = new HashMap<>();
        settings.put(Settings.BOOTSTRAP_SERVERS.envVar(), bootstrapServers);
        settings.put(Settings.STATE_DIR.envVar(), stateDir.toString());
        settings.put(Settings.PARTITIONS.envVar(), Integer.toString(DEMO_PARTITIONS));
        settings.put(Settings.QUERY_PORT.envVar(), Integer.toString(queryPort));
        ProcessorConfig config = ConfigLoader.load(Optional.empty(), settings);
        ProcessorInstance instance = ProcessorInstance.start(config, DiagnosisRules.standard());
        instance.queryPort().ifPresent(port ->
                out.println("pmtu-watch demo: stream processor running; path view at http://127.0.0.1:" + port
                        + "/view/ (JSON: /paths, /links, /anomalies, /metrics)"));
        return new EmbeddedProcessor(instance);
    }

    @Override
    public void close() {
        instance.close(Duration.ofSeconds(15));
    }
}
