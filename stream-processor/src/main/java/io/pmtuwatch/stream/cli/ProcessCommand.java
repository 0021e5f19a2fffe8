package io.pmtuwatch.stream.cli;

import io.pmtuwatch.stream.DiagnosisRules;
import io.pmtuwatch.stream.config.ConfigException;
import io.pmtuwatch.stream.config.ConfigLoader;
import io.pmtuwatch.stream.config.ProcessorConfig;
import io.pmtuwatch.stream.app.ProcessorInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

@Command(name = "process", mixinStandardHelpOptions = true,
        description = {"Run the Kafka Streams topology: assemble probe runs, diagnose them, publish diagnoses, anomaly"
                + " windows and the per-link view; serve the query API.",
                "Configuration: defaults, then the --config file (key = value lines), then PMTU_* environment"
                        + " variables (run.timeout -> PMTU_RUN_TIMEOUT). See stream-processor/README.md."})
final class ProcessCommand implements Callable<Integer> {

    private static final Logger log = LoggerFactory.getLogger(ProcessCommand.class);

    @Option(names = "--config", description = "Configuration file (key = value per line; flat YAML 'key: value' works too).")
    Path configFile;

    @Option(names = "--print-config", description = "Print the effective configuration and exit.")
    boolean printConfig;

    @Override
    public Integer call() throws InterruptedException {
        ProcessorConfig config;
        try {
            config = ConfigLoader.load(Optional.ofNullable(configFile), System.getenv());
        } catch (ConfigException e) {
            System.err.println("Configuration error: " + e.getMessage());
            return 2;
        }
        if (printConfig) {
            System.out.println(config);
            return 0;
        }
        ProcessorInstance instance;
        try {
            instance = ProcessorInstance.start(config, DiagnosisRules.standard());
        } catch (IllegalStateException | java.io.UncheckedIOException e) {
            System.err.println("Cannot start: " + e.getMessage());
            return 2;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            log.info("Shutting down: committing and leaving the group");
            instance.close(Duration.ofSeconds(30));
            stopped.countDown();
        }, "shutdown"));
        // Exit non-zero when Kafka Streams stops for good, so a supervisor restarts the process.
        while (!stopped.await(1, java.util.concurrent.TimeUnit.SECONDS)) {
            if (instance.awaitFailure(Duration.ZERO)) {
                System.err.println("Kafka Streams stopped for good: " + String.join("; ", instance.health().problems())
                        + " (see the log above); exiting with status 1");
                return 1;
            }
        }
        return 0;
    }
}
