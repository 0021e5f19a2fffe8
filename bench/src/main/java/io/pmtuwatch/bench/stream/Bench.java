package io.pmtuwatch.bench.stream;

import io.pmtuwatch.schemas.HandshakeObservation;
import io.pmtuwatch.schemas.HopObservation;
import io.pmtuwatch.schemas.PathDiagnosis;
import io.pmtuwatch.schemas.serde.AvroSerdes;
import io.pmtuwatch.settings.ScratchStateDirectory;
import io.pmtuwatch.stream.DiagnosisRules;
import io.pmtuwatch.stream.config.ProcessorConfig;
import io.pmtuwatch.stream.config.RawConfig;
import io.pmtuwatch.stream.config.Settings;
import io.pmtuwatch.stream.metrics.PipelineMetrics;
import io.pmtuwatch.stream.metrics.ProducerRetries;
import io.pmtuwatch.stream.topology.DiagnosisTopology;
import io.pmtuwatch.stream.topology.StreamsSettings;
import io.pmtuwatch.stream.topology.TopicProvisioner;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Pushes the same preloaded observations through a pass-through Streams app (decode, encode) and
 * through the topology, both exactly-once with the same commit interval, partitions and threads, and
 * reports observations per second for each and their ratio. Before that each app runs once, untimed,
 * over a separate warm-up set (its own topics and application id), so that what is timed is the
 * JIT-compiled steady state, not the compilation of the topology's code. Then it feeds the running topology a paced
 * stream and reports observation-to-diagnosis latency (read_committed, as a consumer sees it).
 */
public final class Bench {

    /** What to run. */
    public record Options(String bootstrapServers, int agents, int targets, int hopsPerRun, int rounds, int warmupRounds,
                          int partitions,
                          int threads, int latencyRuns, double latencyRunsPerSecond,
                          Map<String, String> settings) {
    }

    /** Throughput of one app over the preloaded data, and the CPU its threads used meanwhile. */
    record Throughput(String app, long observations, double seconds, double cpuSeconds, long producerRetries) {
        Throughput withProducerRetries(long retries) {
            return new Throughput(app, observations, seconds, cpuSeconds, retries);
        }

        double perSecond() {
            return observations / seconds;
        }

        /** What a shared machine's load does not change much: the app's own CPU per observation. */
        double cpuMicrosPerObservation() {
            return cpuSeconds * 1e6 / observations;
        }
    }

    private final Options options;
    private final PrintStream out;
    private final String id = Long.toString(System.currentTimeMillis(), 36);
    private final Workload workload;

    public Bench(Options options, PrintStream out) {
        this.options = options;
        this.out = out;
        this.workload = new Workload(options.agents(), options.targets(), options.hopsPerRun());
    }

    public void run() throws Exception {
        try (ScratchStateDirectory stateRoot = ScratchStateDirectory.create(System.getenv(), "bench-stream-")) {
            run(stateRoot.path());
        }
    }

    private void run(Path stateRoot) throws Exception {
        long warmedUp = warmUp(stateRoot);
        ProcessorConfig config = config(stateRoot, id);
        TopicProvisioner.ensure(config);
        String hops = config.topology().topics().hopObservations();
        String handshakes = config.topology().topics().handshakeObservations();

        long preloaded = preload(hops, handshakes, options.rounds());
        out.printf("workload: %d agents x %d targets x %d rounds, %d hops per run: %d runs, %d observations, %d partitions, %d stream thread(s)%n",
                options.agents(), options.targets(), options.rounds(), options.hopsPerRun(), workload.paths() * options.rounds(),
                preloaded, options.partitions(), options.threads());
        if (warmedUp > 0) {
            out.printf("throughput: steady state, timed after each app ran once, untimed, over a separate warm-up set of the"
                    + " same workload's first %d rounds (%d observations; own topics and application id)%n",
                    options.warmupRounds(), warmedUp);
        } else {
            out.println("throughput: from a cold start (--warmup-rounds 0): the JIT compiles the apps' code while they are timed");
        }

        String passOutput = "bench-out-" + id;
        createPassThroughOutputs(passOutput);
        Throughput passThrough = measure("pass-through", PassThroughTopology.build(hops, handshakes, passOutput),
                "bench-pass-" + id, config, stateRoot, preloaded, null);
        PipelineMetrics metrics = new PipelineMetrics();
        KafkaStreams[] keep = new KafkaStreams[1];
        Throughput topology = measure("topology", DiagnosisTopology.build(config.topology(), DiagnosisRules.standard(), metrics),
                config.applicationId(), config, stateRoot, preloaded, keep);
        List<Long> latencies;
        try {
            latencies = latency(config, keep[0]);
            // The topology's producers after its latency phase too: retries there delay diagnoses.
            topology = topology.withProducerRetries(producerRetries(keep[0]));
        } finally {
            keep[0].close(Duration.ofSeconds(30));
        }
        report(passThrough, topology, latencies, metrics);
    }

    /**
     * Records the app's producers sent again (Kafka's {@code record-retry-total}): every retry counts here,
     * whether its warning was logged or left out (TransactionRaceRetryFilter).
     */
    private static long producerRetries(KafkaStreams streams) {
        double total = 0;
        for (var metric : streams.metrics().values()) {
            if (metric.metricName().name().equals("record-retry-total") && metric.metricName().group().equals("producer-metrics")
                    && metric.metricValue() instanceof Double value) {
                total += value;
            }
        }
        return (long) total;
    }

    /**
     * Runs both apps, untimed, over the workload's first rounds in topics of their own: the code both
     * measured runs take is then compiled, as in a processor that has been running for a while. The
     * measured runs start afresh (new application ids, empty state), so only the JVM carries over.
     */
    private long warmUp(Path stateRoot) throws Exception {
        if (options.warmupRounds() <= 0) {
            return 0;
        }
        String warm = "warm-" + id;
        ProcessorConfig config = config(stateRoot, warm);
        TopicProvisioner.ensure(config);
        long observations = preload(config.topology().topics().hopObservations(),
                config.topology().topics().handshakeObservations(), options.warmupRounds());
        String passOutput = "bench-out-" + warm;
        createPassThroughOutputs(passOutput);
        measure("pass-through warm-up", PassThroughTopology.build(config.topology().topics().hopObservations(),
                config.topology().topics().handshakeObservations(), passOutput), "bench-pass-" + warm, config, stateRoot,
                observations, null);
        measure("topology warm-up", DiagnosisTopology.build(config.topology(), DiagnosisRules.standard(), new PipelineMetrics()),
                config.applicationId(), config, stateRoot, observations, null);
        return observations;
    }

    private ProcessorConfig config(Path stateRoot, String suffix) {
        return ProcessorConfig.from(withSettings(singleInstance())
                .with(Settings.BOOTSTRAP_SERVERS, options.bootstrapServers())
                .with(Settings.APPLICATION_ID, "bench-topology-" + suffix)
                .with(Settings.STATE_DIR, stateRoot.resolve("topology").toString())
                .with(Settings.PARTITIONS, Integer.toString(options.partitions()))
                .with(Settings.STREAM_THREADS, Integer.toString(options.threads()))
                .with(Settings.QUERY_PORT, "-1")
                .with(Settings.HOP_TOPIC, "bench-hops-" + suffix)
                .with(Settings.HANDSHAKE_TOPIC, "bench-handshakes-" + suffix)
                .with(Settings.DIAGNOSES_TOPIC, "bench-diagnoses-" + suffix)
                .with(Settings.ANOMALIES_TOPIC, "bench-anomalies-" + suffix)
                .with(Settings.LINKS_TOPIC, "bench-links-" + suffix)
                .with(Settings.DEAD_LETTER_TOPIC, "bench-dead-letter-" + suffix));
    }

    // Created before the run like the topology's outputs: a topic the broker creates on the first send
    // answers NOT_LEADER_OR_FOLLOWER for a moment, a producer warning and retry in the pass-through's turn.
    private void createPassThroughOutputs(String output) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, options.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(output, Optional.of(options.partitions()), Optional.empty()),
                    new NewTopic(output + "-handshakes", Optional.of(options.partitions()), Optional.empty()))).all().get();
            for (String topic : List.of(output, output + "-handshakes")) {
                awaitLeader(admin, topic);
            }
        }
    }

    private static void awaitLeader(Admin admin, String topic) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            if (hasLeaders(admin, topic)) {
                return;
            }
            Thread.sleep(50); // polling the broker's metadata for the new topic's leaders
        }
        throw new IllegalStateException(topic + " has no leader after 30 s");
    }

    private static boolean hasLeaders(Admin admin, String topic) throws Exception {
        try {
            var description = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic);
            return description.partitions().stream().allMatch(p -> p.leader() != null && !p.leader().isEmpty());
        } catch (ExecutionException e) {
            // Just created: the broker that answers may not know the topic yet (seen against a broker in its own JVM).
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                return false;
            }
            throw e;
        }
    }

    /**
     * Each app runs as one instance, which has nowhere to put a standby copy: with the processor's default
     * (standby.replicas 1) Kafka Streams would warn for every stateful task at every rebalance and place none.
     * A --setting still overrides it.
     */
    private static RawConfig singleInstance() {
        return RawConfig.empty().with(Settings.STANDBY_REPLICAS, "0");
    }

    /** The same --setting values for both apps, so the comparison stays fair. */
    private RawConfig withSettings(RawConfig raw) {
        options.settings().forEach((key, value) -> raw.with(key, value, "--setting"));
        return raw;
    }

    private KafkaProducer<String, byte[]> producer() {
        Map<String, Object> props = new HashMap<>();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, options.bootstrapServers());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        return new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
    }

    private long preload(String hopTopic, String handshakeTopic, int rounds) {
        var hopSerializer = AvroSerdes.serializer(HopObservation.class);
        var handshakeSerializer = AvroSerdes.serializer(HandshakeObservation.class);
        long count = 0;
        Instant base = Instant.now().minus(Duration.ofMinutes(rounds));
        try (KafkaProducer<String, byte[]> producer = producer()) {
            for (int round = 0; round < rounds; round++) {
                for (Workload.Run run : workload.round(round, base.plusSeconds(60L * round))) {
                    count += send(producer, run, hopTopic, handshakeTopic, hopSerializer, handshakeSerializer);
                }
            }
        }
        return count;
    }

    private static int send(KafkaProducer<String, byte[]> producer, Workload.Run run, String hopTopic, String handshakeTopic,
                            org.apache.kafka.common.serialization.Serializer<HopObservation> hops,
                            org.apache.kafka.common.serialization.Serializer<HandshakeObservation> handshakes) {
        if (run.handshake() != null) {
            producer.send(new ProducerRecord<>(handshakeTopic, run.pathId(), handshakes.serialize(handshakeTopic, run.handshake())));
        }
        for (HopObservation hop : run.hops()) {
            producer.send(new ProducerRecord<>(hopTopic, run.pathId(), hops.serialize(hopTopic, hop)));
        }
        return run.observations();
    }

    /** Runs an app from the start of the preloaded topics until its committed offsets reach their end. */
    private Throughput measure(String name, Topology topology, String applicationId, ProcessorConfig config, Path stateRoot,
                               long observations, KafkaStreams[] keep) throws Exception {
        ProcessorConfig appConfig = ProcessorConfig.from(withSettings(singleInstance())
                .with(Settings.BOOTSTRAP_SERVERS, options.bootstrapServers())
                .with(Settings.APPLICATION_ID, applicationId)
                .with(Settings.STATE_DIR, stateRoot.resolve(applicationId).toString())
                .with(Settings.STREAM_THREADS, Integer.toString(options.threads()))
                .with(Settings.PARTITIONS, Integer.toString(options.partitions()))
                .with(Settings.DEAD_LETTER_TOPIC, config.topology().topics().deadLetter()));
        Properties props = StreamsSettings.of(appConfig, new PipelineMetrics(), Optional.empty());
        KafkaStreams streams = new KafkaStreams(topology, props);
        CountDownLatch running = new CountDownLatch(1);
        streams.setStateListener((now, before) -> {
            if (now == KafkaStreams.State.RUNNING) {
                running.countDown();
            }
        });
        streams.start();
        try {
            return measure(name, streams, running, applicationId, config, observations, keep);
        } catch (Exception | Error e) {
            // Closed before the state root is deleted, also when the run fails.
            streams.close(Duration.ofSeconds(30));
            throw e;
        }
    }

    private Throughput measure(String name, KafkaStreams streams, CountDownLatch running, String applicationId,
                               ProcessorConfig config, long observations, KafkaStreams[] keep) throws Exception {
        if (!running.await(120, TimeUnit.SECONDS)) {
            throw new IllegalStateException(name + " did not start");
        }
        long start = System.nanoTime();
        long cpuStart = cpuNanos(applicationId);
        List<TopicPartition> inputs = new ArrayList<>();
        for (int p = 0; p < options.partitions(); p++) {
            inputs.add(new TopicPartition(config.topology().topics().hopObservations(), p));
            inputs.add(new TopicPartition(config.topology().topics().handshakeObservations(), p));
        }
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, options.bootstrapServers()))) {
            while (!caughtUp(admin, applicationId, inputs)) {
                Thread.sleep(50); // polling the broker's committed offsets, not a synchronisation guess
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double cpuSeconds = (cpuNanos(applicationId) - cpuStart) / 1e9;
        long retries = producerRetries(streams);
        if (keep == null) {
            streams.close(Duration.ofSeconds(30));
        } else {
            keep[0] = streams;
        }
        return new Throughput(name, observations, seconds, cpuSeconds, retries);
    }

    /** CPU time so far of the app's threads (stream threads, their producers' and consumers' network threads). */
    private static long cpuNanos(String applicationId) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long total = 0;
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null && info.getThreadName().contains(applicationId)) {
                total += Math.max(0, threads.getThreadCpuTime(info.getThreadId()));
            }
        }
        return total;
    }

    private static boolean caughtUp(Admin admin, String group, List<TopicPartition> inputs) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
        var ends = admin.listOffsets(inputs.stream().collect(Collectors.toMap(tp -> tp, tp -> OffsetSpec.latest()))).all().get();
        for (TopicPartition tp : inputs) {
            long end = ends.get(tp).offset();
            OffsetAndMetadata offset = committed.get(tp);
            if (end > 0 && (offset == null || offset.offset() < end)) {
                return false;
            }
        }
        return true;
    }

    /** Paced runs stamped with their send time; latency = when a read_committed consumer sees the diagnosis - that time. */
    private List<Long> latency(ProcessorConfig config, KafkaStreams streams) throws Exception {
        String diagnoses = config.topology().topics().diagnoses();
        Map<String, Object> props = new HashMap<>();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, options.bootstrapServers());
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        var decoder = AvroSerdes.deserializer(PathDiagnosis.class);
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new org.apache.kafka.common.serialization.ByteArrayDeserializer());
             KafkaProducer<String, byte[]> producer = producer()) {
            List<TopicPartition> partitions = consumer.partitionsFor(diagnoses).stream()
                    .map(p -> new TopicPartition(diagnoses, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position);
            var hops = AvroSerdes.serializer(HopObservation.class);
            var handshakes = AvroSerdes.serializer(HandshakeObservation.class);
            long intervalNanos = (long) (1e9 / options.latencyRunsPerSecond());
            long next = System.nanoTime();
            int sent = 0;
            long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
            while (latencies.size() < options.latencyRuns() && System.nanoTime() < deadline) {
                while (sent < options.latencyRuns() && System.nanoTime() >= next) {
                    int a = sent % options.agents();
                    int t = (sent / options.agents()) % options.targets();
                    Workload.Run run = workload.run(a, t, 100_000 + sent, Instant.now());
                    send(producer, run, config.topology().topics().hopObservations(),
                            config.topology().topics().handshakeObservations(), hops, handshakes);
                    producer.flush();
                    sent++;
                    next += intervalNanos;
                }
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(5))) {
                    PathDiagnosis d = decoder.deserialize(diagnoses, record.value());
                    if (d.getRunId() != null && d.getRunId().startsWith("round-1")
                            && Integer.parseInt(d.getRunId().substring(6)) >= 100_000) {
                        // From the run's first observation (stamped at send time), not from diagnosedAt:
                        // what an operator waits, including the time the run sat in the input topics.
                        latencies.add(System.currentTimeMillis() - d.getFirstObservationAt().toEpochMilli());
                    }
                }
            }
        }
        return latencies;
    }

    private void report(Throughput passThrough, Throughput topology, List<Long> latencies, PipelineMetrics metrics) {
        List<Long> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        out.println();
        out.println("| app | observations | seconds | observations/s | CPU s | CPU µs/observation |");
        out.println("|---|---:|---:|---:|---:|---:|");
        for (Throughput t : List.of(passThrough, topology)) {
            out.printf("| %s | %d | %.1f | %.0f | %.1f | %.0f |%n", t.app(), t.observations(), t.seconds(), t.perSecond(),
                    t.cpuSeconds(), t.cpuMicrosPerObservation());
        }
        out.printf("%nratio topology / pass-through (%s): %.2f (aim: >= 0.50); CPU per observation: %.1fx the pass-through's%n",
                options.warmupRounds() > 0 ? "steady state" : "cold start", topology.perSecond() / passThrough.perSecond(),
                topology.cpuMicrosPerObservation() / passThrough.cpuMicrosPerObservation());
        if (!options.settings().isEmpty()) {
            out.printf("settings of both apps: %s%n", options.settings());
        }
        out.printf("topology output: %d diagnoses, %d anomaly records, %d link records, %d dead letters, %d duplicates dropped%n",
                metrics.get(PipelineMetrics.Counter.DIAGNOSES_OUT), metrics.get(PipelineMetrics.Counter.ANOMALIES_OUT),
                metrics.get(PipelineMetrics.Counter.LINK_UPDATES_OUT), metrics.get(PipelineMetrics.Counter.DEAD_LETTERS),
                metrics.get(PipelineMetrics.Counter.DUPLICATES_DROPPED));
        out.printf("producer retries (records sent again): pass-through %d, topology %d (both phases); retry warnings left out"
                        + " of the log (TransactionRaceRetryFilter, both apps, warm-ups included): %s%n",
                passThrough.producerRetries(), topology.producerRetries(), ProducerRetries.byError());
        if (sorted.isEmpty()) {
            out.println("latency: no diagnosis seen");
            return;
        }
        out.printf("observation-to-diagnosis latency (read_committed, %d runs at %.0f runs/s): p50 %d ms, p99 %d ms, max %d ms%n",
                sorted.size(), options.latencyRunsPerSecond(), percentile(sorted, 0.50), percentile(sorted, 0.99),
                sorted.get(sorted.size() - 1));
    }

    private static long percentile(List<Long> sorted, double p) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1));
    }
}
