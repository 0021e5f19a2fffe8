package io.pmtuwatch.demo;

import io.pmtuwatch.embedded.KafkaHarness;
import io.pmtuwatch.probe.kafka.KafkaObservationPublisher;
import io.pmtuwatch.probe.kafka.ObservationPublisher;
import io.pmtuwatch.probe.kafka.RunObservations;
import io.pmtuwatch.schemas.Topics;
import io.pmtuwatch.settings.BuildVersion;
import io.pmtuwatch.settings.ScratchStateDirectory;
import io.pmtuwatch.settings.UsageErrors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The whole pipeline on one machine, no Docker: an in-process Kafka broker, the stream processor,
 * and probe agents. As root on Linux the agents probe a namespace lab built on the spot, one path
 * per problem; elsewhere recorded lab runs are replayed. Diagnoses are printed as they arrive.
 */
@Command(name = "pmtu-demo", mixinStandardHelpOptions = true, versionProvider = BuildVersion.class,
        scope = CommandLine.ScopeType.INHERIT,
        description = {"Run the whole pmtu-watch pipeline on this machine: in-process Kafka, the stream processor,",
                "and probe agents against a network-namespace lab (as root) or recorded lab runs (otherwise).",
                "Diagnoses are printed as they arrive. Ctrl-C stops everything and removes the lab."},
        subcommands = LabCommand.class)
public final class DemoMain implements java.util.concurrent.Callable<Integer> {

    static final String RECORDING = "/recordings/lab-runs.bin";

    @Option(names = "--replay", description = "Replay recorded lab runs even when the lab could be built.")
    boolean replay;

    @Option(names = "--interval", defaultValue = "PT15S",
            description = "How often each path is probed or replayed (ISO-8601). Default: ${DEFAULT-VALUE}")
    Duration interval;

    @Option(names = "--duration",
            description = "Stop after this long (ISO-8601, e.g. PT2M). Default: run until Ctrl-C.")
    Duration duration;

    @Option(names = "--once",
            description = "Stop as soon as every demo path has been diagnosed (at most --duration, default 3 minutes).")
    boolean once;

    @Option(names = "--elasticsearch", paramLabel = "URL",
            description = "Also sink diagnoses into this Elasticsearch (e.g. http://localhost:9200).")
    String elasticsearch;

    @Option(names = "--port", defaultValue = "8087",
            description = "Port of the stream processor's query API on 127.0.0.1 (0: any free port). Default: ${DEFAULT-VALUE}")
    int queryPort;

    @Option(names = "--no-color", description = "Plain output.")
    boolean noColor;

    @Option(names = "--record", paramLabel = "FILE", hidden = true,
            description = "Save the lab's runs as a recording for machines without the lab (developers).")
    Path record;

    public static void main(String[] args) {
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "logback-demo.xml"); // before any logger exists
        }
        System.exit(UsageErrors.install(new CommandLine(new DemoMain())).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        PrintStream out = System.out;
        boolean color = !noColor && System.console() != null;
        out.println("pmtu-watch demo: starting an in-process Kafka broker");
        KafkaHarness kafka = quietly(KafkaHarness::shared);
        int exit = 0;
        // The state goes with the run: the next demo starts its own broker, so this state could not be reused.
        try (ScratchStateDirectory stateDir = ScratchStateDirectory.create(System.getenv(), "demo-");
             EmbeddedProcessor processor = EmbeddedProcessor.start(kafka.bootstrapServers(), stateDir.path(), queryPort, out);
             DiagnosisConsole console = new DiagnosisConsole(kafka.bootstrapServers(), Topics.DIAGNOSES, out, color)) {
            console.expectAgents(DemoPaths.ALL.stream().map(DemoPaths.DemoPath::agentId).toList());
            Thread consoleThread = new Thread(console, "diagnosis-console");
            consoleThread.start();
            RecordingPublisher publisher = new RecordingPublisher(KafkaObservationPublisher.create(
                    kafka.bootstrapServers(), "pmtu-demo-agents", Topics.HOP_OBSERVATIONS, Topics.HANDSHAKE_OBSERVATIONS));
            try (AutoCloseable agents = startAgents(kafka.bootstrapServers(), publisher, out)) {
                out.println("pmtu-watch demo: diagnoses as they arrive (Ctrl-C to stop)");
                if (once) {
                    Duration limit = duration != null ? duration : Duration.ofMinutes(3);
                    if (!console.awaitAll(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                        out.println("pmtu-watch demo: not every path was diagnosed within " + limit);
                        exit = 1;
                    } else {
                        out.println("pmtu-watch demo: every path diagnosed");
                    }
                } else {
                    awaitEnd();
                }
            } finally {
                publisher.close(Duration.ofSeconds(10));
                if (record != null) {
                    saveRecording(publisher.runs(), record, out);
                }
            }
            console.close();
            consoleThread.join(5_000);
        }
        return exit;
    }

    /** Kafka's storage formatter prints its metadata to stdout; the demo's console is for diagnoses. */
    private static <T> T quietly(java.util.function.Supplier<T> work) {
        PrintStream stdout = System.out;
        System.setOut(new PrintStream(OutputStream.nullOutputStream()));
        try {
            return work.get();
        } finally {
            System.setOut(stdout);
        }
    }

    private AutoCloseable startAgents(String bootstrapServers, ObservationPublisher publisher, PrintStream out)
            throws IOException {
        String whyNoLab = LabAvailability.whyNot();
        if (!replay && whyNoLab == null) {
            out.println("pmtu-watch demo: building the namespace lab (" + DemoPaths.ALL.size() + " paths)");
            return LabFleet.start(DemoPaths.ALL, bootstrapServers, publisher, interval, out);
        }
        out.println("pmtu-watch demo: replaying recorded lab runs" + (whyNoLab == null ? "" : " (" + whyNoLab + ")"));
        List<RunObservations> runs;
        try (InputStream in = DemoMain.class.getResourceAsStream(RECORDING)) {
            if (in == null) {
                throw new IOException("the recording " + RECORDING + " is missing from the demo jar: rebuild it");
            }
            runs = RecordedRuns.read(in);
        }
        RunReplayer replayer = new RunReplayer(runs, publisher, Clock.systemUTC());
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        timer.scheduleAtFixedRate(replayer::replayAll, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
        return () -> {
            timer.shutdownNow();
            timer.awaitTermination(5, TimeUnit.SECONDS);
        };
    }

    private void awaitEnd() throws InterruptedException {
        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown, "demo-stop"));
        if (duration != null) {
            stop.await(duration.toMillis(), TimeUnit.MILLISECONDS);
        } else {
            stop.await();
        }
    }

    /** Keeps the latest run of each path: a replay round then probes every path once, like the lab does. */
    private static void saveRecording(List<RunObservations> runs, Path file, PrintStream out) throws IOException {
        Map<String, RunObservations> latest = new LinkedHashMap<>();
        for (RunObservations run : runs) {
            latest.put(run.pathId(), run);
        }
        try (OutputStream stream = Files.newOutputStream(file)) {
            RecordedRuns.write(List.copyOf(latest.values()), stream);
        }
        out.println("pmtu-watch demo: saved the latest run of " + latest.size() + " paths to " + file);
    }
}
