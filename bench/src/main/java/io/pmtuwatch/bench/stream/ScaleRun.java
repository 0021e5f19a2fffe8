package io.pmtuwatch.bench.stream;

import io.pmtuwatch.schemas.PathDiagnosis;
import io.pmtuwatch.schemas.serde.AvroSerdes;
import io.pmtuwatch.settings.ScratchStateDirectory;
import io.pmtuwatch.settings.StateHome;
import io.pmtuwatch.stream.config.ProcessorConfig;
import io.pmtuwatch.stream.config.RawConfig;
import io.pmtuwatch.stream.config.Setting;
import io.pmtuwatch.stream.config.Settings;
import io.pmtuwatch.stream.topology.TopicProvisioner;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

/**
 * A scale run: a generated fleet ({@link Fleet}) probed at a steady rate (every path once per
 * interval) through N processor instances in their own JVMs; every few seconds it prints the
 * consumer lag, observation-to-diagnosis latency (read_committed), each instance's RSS and state-store
 * disk; halfway it kills one instance with SIGKILL, restarts it on the same state and reports how
 * long until the lag is back to its steady level. Ends with the figures the README's sizing uses.
 */
public final class ScaleRun {

    /** What to run. */
    public record Options(String bootstrapServers, int paths, Duration interval, Duration duration, int instances,
                          int partitions, Duration killAfter, Duration warmup, String heap, Path workDir,
                          boolean keepState) {
    }

    private static final Duration SAMPLE = Duration.ofSeconds(5);

    private final Options options;
    private final PrintStream out;
    private final String id = "scale-" + Long.toString(System.currentTimeMillis(), 36);
    private final List<Long> window = Collections.synchronizedList(new ArrayList<>());

    public ScaleRun(Options options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    public void run() throws Exception {
        Map<String, String> env = environment();
        RawConfig raw = RawConfig.empty();
        for (Setting<?> setting : List.of(Settings.BOOTSTRAP_SERVERS, Settings.PARTITIONS, Settings.HOP_TOPIC,
                Settings.HANDSHAKE_TOPIC, Settings.DIAGNOSES_TOPIC, Settings.ANOMALIES_TOPIC, Settings.LINKS_TOPIC,
                Settings.DEAD_LETTER_TOPIC, Settings.APPLICATION_ID)) {
            raw = raw.with(setting, env.get(setting.envVar()));
        }
        ProcessorConfig config = ProcessorConfig.from(raw);
        TopicProvisioner.ensure(config);
        Fleet fleet = Fleet.ofPaths(options.paths());
        double runsPerSecond = fleet.paths() / (double) options.interval().toSeconds();
        out.printf("scale run %s: %d paths (%d agents x %d targets), each once per %s = %.0f runs/s; %d instances, %d partitions, heap %s%n",
                id, fleet.paths(), fleet.agents(), fleet.targets(), options.interval(), runsPerSecond, options.instances(),
                options.partitions(), options.heap());

        List<ProcessorChild> children = new ArrayList<>();
        for (int i = 0; i < options.instances(); i++) {
            Map<String, String> own = new HashMap<>(env);
            Path state = instanceState(options.workDir(), i);
            own.put(Settings.STATE_DIR.envVar(), state.toString());
            children.add(new ProcessorChild("instance-" + i, own, state, options.heap()));
        }
        AtomicBoolean stop = new AtomicBoolean();
        Thread latency = new Thread(() -> collectLatencies(config.topology().topics().diagnoses(), stop), "scale-latency");
        List<TopicPartition> inputs = inputs(config);
        List<ScaleSample> samples = new ArrayList<>();
        Long recoveredAfterMs = null;
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, options.bootstrapServers()));
             FleetPublisher publisher = new FleetPublisher(Map.of("bootstrap.servers", options.bootstrapServers()),
                     config.topology().topics().hopObservations(), config.topology().topics().handshakeObservations())) {
            for (ProcessorChild child : children) {
                child.start();
            }
            latency.start();
            out.println(ScaleSample.HEADER);
            long start = System.nanoTime();
            long published = 0;
            long nextSample = start + SAMPLE.toNanos();
            boolean killed = options.killAfter().isZero();
            long killedAt = 0;
            long steadyLag = 0;
            while (System.nanoTime() - start < options.duration().toNanos()) {
                double elapsed = (System.nanoTime() - start) / 1e9;
                long due = (long) (elapsed * runsPerSecond);
                Instant now = Instant.now();
                for (; published < due; published++) {
                    publisher.send(fleet.run((int) (published % fleet.paths()), (int) (published / fleet.paths()), now));
                }
                if (System.nanoTime() >= nextSample) {
                    nextSample += SAMPLE.toNanos();
                    ScaleSample sample = sample(admin, inputs, children, elapsed, runsPerSecond);
                    samples.add(sample);
                    out.println(sample.line());
                    if (!killed && elapsed >= options.killAfter().toSeconds()) {
                        steadyLag = ScaleSample.medianLag(samples, options.warmup().toSeconds(), elapsed);
                        long atWarmup = ScaleSample.medianLag(samples, 0, options.warmup().toSeconds());
                        if (sample.lag() > 2 * Math.max(atWarmup, (long) runsPerSecond)) {
                            // The instances fall behind: a "steady level" to come back to does not exist.
                            out.printf("NOT STEADY: the lag grew from %d to %d records; the instances do not keep up with"
                                    + " this rate on this machine, so the recovery time below is not meaningful%n",
                                    atWarmup, sample.lag());
                        }
                        out.printf("kill -9 %s (steady lag %d records); restarting it on the same state%n",
                                children.get(0).name(), steadyLag);
                        children.get(0).kill();
                        children.get(0).start();
                        killed = true;
                        killedAt = System.nanoTime();
                    } else if (killedAt > 0 && recoveredAfterMs == null
                            && System.nanoTime() - killedAt > SAMPLE.toNanos() * 2
                            && sample.lag() <= Math.max(steadyLag, (long) runsPerSecond * 3)) {
                        recoveredAfterMs = (System.nanoTime() - killedAt) / 1_000_000;
                        out.printf("recovered: lag back to the steady level %.1f s after the kill%n", recoveredAfterMs / 1000.0);
                    }
                }
                Thread.sleep(20);
            }
        } finally {
            stop.set(true);
            for (ProcessorChild child : children) {
                child.stop();
            }
            latency.join(10_000);
            if (!options.keepState()) {
                dropInstanceState(options.workDir(), options.instances());
            }
            out.printf("instance logs: %s%n", options.workDir());
        }
        ScaleSample.summary(out, samples, options, fleet.paths(), recoveredAfterMs);
    }

    private ScaleSample sample(Admin admin, List<TopicPartition> inputs, List<ProcessorChild> children, double elapsed,
                               double rate) throws Exception {
        List<Long> latencies;
        synchronized (window) {
            latencies = new ArrayList<>(window);
            window.clear();
        }
        Collections.sort(latencies);
        List<Long> rss = children.stream().map(ProcessorChild::rssBytes).toList();
        List<Long> disk = children.stream().map(ProcessorChild::stateBytes).toList();
        return new ScaleSample(elapsed, rate, lag(admin, inputs), latencies, rss, disk);
    }

    /** Records on the input topics not yet committed by the application (exactly-once: processed and output committed). */
    private long lag(Admin admin, List<TopicPartition> inputs) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(applicationId())
                .partitionsToOffsetAndMetadata().get();
        var ends = admin.listOffsets(inputs.stream().collect(Collectors.toMap(tp -> tp, tp -> OffsetSpec.latest()))).all().get();
        long lag = 0;
        for (TopicPartition tp : inputs) {
            OffsetAndMetadata offset = committed.get(tp);
            lag += ends.get(tp).offset() - (offset == null ? 0 : offset.offset());
        }
        return lag;
    }

    private void collectLatencies(String topic, AtomicBoolean stop) {
        Map<String, Object> props = new HashMap<>();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, options.bootstrapServers());
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        var decoder = AvroSerdes.deserializer(PathDiagnosis.class);
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            while (!stop.get()) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                    PathDiagnosis d = decoder.deserialize(topic, record.value());
                    window.add(System.currentTimeMillis() - d.getFirstObservationAt().toEpochMilli());
                }
            }
        }
    }

    private Map<String, String> environment() {
        Map<String, String> env = new HashMap<>();
        env.put(Settings.BOOTSTRAP_SERVERS.envVar(), options.bootstrapServers());
        env.put(Settings.APPLICATION_ID.envVar(), applicationId());
        env.put(Settings.PARTITIONS.envVar(), Integer.toString(options.partitions()));
        env.put(Settings.QUERY_PORT.envVar(), "-1");
        for (Setting<?> topic : List.of(Settings.HOP_TOPIC, Settings.HANDSHAKE_TOPIC, Settings.DIAGNOSES_TOPIC,
                Settings.ANOMALIES_TOPIC, Settings.LINKS_TOPIC, Settings.DEAD_LETTER_TOPIC)) {
            env.put(topic.envVar(), id + "." + topic.key().substring("topic.".length()));
        }
        return env;
    }

    private String applicationId() {
        return id + "-app";
    }

    private List<TopicPartition> inputs(ProcessorConfig config) {
        List<TopicPartition> inputs = new ArrayList<>();
        for (int p = 0; p < options.partitions(); p++) {
            inputs.add(new TopicPartition(config.topology().topics().hopObservations(), p));
            inputs.add(new TopicPartition(config.topology().topics().handshakeObservations(), p));
        }
        return inputs;
    }

    /**
     * A fresh working directory for the instances' state and logs when none is given: beside the
     * processor's own state ({@link StateHome}), not in /tmp.
     */
    public static Path defaultWorkDir(Map<String, String> env) throws java.io.IOException {
        Path base = Files.createDirectories(StateHome.of(env));
        return Files.createTempDirectory(base, "scale-run-");
    }

    /**
     * Deletes the instances' state stores (hundreds of MB at 100k paths; nothing reads them after the run)
     * and keeps their logs, which are small and what one reads after a surprising run.
     */
    static void dropInstanceState(Path workDir, int instances) {
        for (int i = 0; i < instances; i++) {
            ScratchStateDirectory.deleteTree(instanceState(workDir, i));
        }
    }

    static Path instanceState(Path workDir, int instance) {
        return workDir.resolve("instance-" + instance);
    }
}
