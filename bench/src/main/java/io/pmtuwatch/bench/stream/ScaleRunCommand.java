package io.pmtuwatch.bench.stream;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;

@Command(name = "scale-run", mixinStandardHelpOptions = true,
        description = {"Scale run: a generated fleet probed at a steady rate through several processor instances"
                + " (each its own JVM); prints lag, observation-to-diagnosis latency, RSS and state-store disk every"
                + " 5 s, kills one instance with SIGKILL halfway and reports the time to recover.",
                "Uses fresh topics and an application id on the given broker; for the tests' in-process broker run"
                        + " io.pmtuwatch.bench.stream.InProcessScaleRun (the bench module's test classpath), see stream-processor/README.md."})
public final class ScaleRunCommand implements Callable<Integer> {

    @Option(names = "--bootstrap-servers", required = true, description = "Kafka bootstrap servers.")
    String bootstrapServers;

    @Option(names = "--paths", defaultValue = "100000", description = "Paths in the fleet (100 targets per agent). Default: ${DEFAULT-VALUE}")
    int paths;

    @Option(names = "--interval", defaultValue = "PT60S", description = "Each path is probed once per this. Default: ${DEFAULT-VALUE}")
    Duration interval;

    @Option(names = "--duration", defaultValue = "PT10M", description = "Length of the run. Default: ${DEFAULT-VALUE}")
    Duration duration;

    @Option(names = "--instances", defaultValue = "2", description = "Processor instances. Default: ${DEFAULT-VALUE}")
    int instances;

    @Option(names = "--partitions", defaultValue = "12", description = "Partitions of every topic. Default: ${DEFAULT-VALUE}")
    int partitions;

    @Option(names = "--kill-after", defaultValue = "PT5M", description = "When to kill -9 the first instance (PT0S: never). Default: ${DEFAULT-VALUE}")
    Duration killAfter;

    @Option(names = "--warmup", defaultValue = "PT2M", description = "Left out of the steady-state figures. Default: ${DEFAULT-VALUE}")
    Duration warmup;

    @Option(names = "--heap", defaultValue = "512m", description = "-Xmx of each instance. Default: ${DEFAULT-VALUE}")
    String heap;

    @Option(names = "--work-dir", description = "Where the instances keep their state and logs; both are kept."
            + " Default: a new directory scale-run-* under $XDG_STATE_HOME/pmtu-watch (else ~/.local/state/pmtu-watch),"
            + " whose state stores are deleted at the end (the logs stay).")
    Path workDir;

    @Override
    public Integer call() throws Exception {
        new ScaleRun(new ScaleRun.Options(bootstrapServers, paths, interval, duration, instances, partitions, killAfter, warmup,
                heap, workDir == null ? ScaleRun.defaultWorkDir(System.getenv()) : workDir, workDir != null), System.out).run();
        return 0;
    }
}
