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
import org.apache.kafka.streams.CloseOptions;
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
                          int passes, int partitions,
                          int threads, int latencyRuns, double latencyRunsPerSecond,
                          Map<String, String> settings) {
    }

    /** The latency phase's slices: each gets its own p99, so that one stall shows as one slice, not as the figure. */
    static final long LATENCY_SLICE_MS = 10_000;

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
            try {
                run(stateRoot.path());
            } finally {
                deleteTopics();
            }
        }
    }

    /** Every app is closed by now: their topics, changelogs and groups go, also when the run failed. */
    private void deleteTopics() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, options.bootstrapServers()))) {
            out.printf("deleted this run's %d topics and its consumer groups (names with -%s)%n", BenchTopics.delete(admin, id), id);
        }
    }

    /** This run's id: every topic, application id and consumer group it makes has {@code -<id>} in its name. */
    String id() {
        return id;
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
        // Alternating passes, each app afresh (its own application id, empty state) over the same input: the
        // pass-through's and the topology's seconds of a pair see about the same neighbours on a shared machine.
        List<Throughput> passThrough = new ArrayList<>();
        List<Throughput> topology = new ArrayList<>();
        PipelineMetrics metrics = null;
        KafkaStreams[] keep = new KafkaStreams[1];
        for (int pass = 1; pass <= options.passes(); pass++) {
            String suffix = options.passes() == 1 ? "" : "-p" + pass;
            passThrough.add(measure("pass-through", PassThroughTopology.build(hops, handshakes, passOutput),
                    "bench-pass-" + id + suffix, config, stateRoot, preloaded, null));
            metrics = new PipelineMetrics();
            boolean last = pass == options.passes();
            topology.add(measure("topology", DiagnosisTopology.build(config.topology(), DiagnosisRules.standard(), metrics),
                    config.applicationId() + suffix, config, stateRoot, preloaded, last ? keep : null));
        }
        LatencyWindow latencies;
        try {
            latencies = latency(config, keep[0]);
            // The last topology's producers after its latency phase too: retries there delay diagnoses.
            topology.set(topology.size() - 1, topology.get(topology.size() - 1).withProducerRetries(producerRetries(keep[0])));
        } finally {
            close(keep[0]);
        }
        report(passThrough, topology, latencies, metrics);
    }

    /** Leaving the group, so that the run's consumer groups can be deleted at its end. */
    private static void close(KafkaStreams streams) {
        streams.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
                .withTimeout(Duration.ofSeconds(30)));
    }

    /**
     * Records the app's producers sent again (Kafka's {@code record-retry-total}): every retry counts here,
     * whether its warning was logged or left out (TransactionRaceRetryFilter).
     */
    private static long producerRetries(KafkaStreams streams) {
        return producerRetries(streams.metrics());
    }

    private static long producerRetries(Map<org.apache.kafka.common.MetricName, ? extends org.apache.kafka.common.Metric> metrics) {
        double total = 0;
        for (var metric : metrics.values()) {
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
            close(streams);
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
            close(streams);
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

    /**
     * Paced runs stamped with their send time; latency = when a read_committed consumer sees the diagnosis - that time.
     * Alongside, on the same clock: the JVM's collector pauses and the records the topology's producers and the
     * bench's publisher sent again, so that a slow run can be matched with what happened then.
     */
    private LatencyWindow latency(ProcessorConfig config, KafkaStreams streams) throws Exception {
        String diagnoses = config.topology().topics().diagnoses();
        Map<String, Object> props = new HashMap<>();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, options.bootstrapServers());
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        List<LatencyWindow.Sample> samples = new ArrayList<>();
        List<LatencyWindow.Event> retries = new ArrayList<>();
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
            settle(producer, consumer, config);
            long intervalNanos = (long) (1e9 / options.latencyRunsPerSecond());
            long windowStart = System.currentTimeMillis();
            long next = System.nanoTime();
            int sent = 0;
            long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos()
                    + (long) (options.latencyRuns() * 1e9 / options.latencyRunsPerSecond());
            long topologyRetries = producerRetries(streams);
            long publisherRetries = producerRetries(producer.metrics());
            long nextRetryCheck = 0;
            try (GcPauses pauses = new GcPauses(windowStart)) {
                while (samples.size() < options.latencyRuns() && System.nanoTime() < deadline) {
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
                            long first = d.getFirstObservationAt().toEpochMilli();
                            samples.add(new LatencyWindow.Sample(first - windowStart, System.currentTimeMillis() - first));
                        }
                    }
                    long now = System.currentTimeMillis();
                    if (now >= nextRetryCheck) { // the clients' metrics, read a few times a second
                        nextRetryCheck = now + 200;
                        long t = producerRetries(streams);
                        long p = producerRetries(producer.metrics());
                        if (t > topologyRetries) {
                            retries.add(new LatencyWindow.Event(now - windowStart, 0, (t - topologyRetries) + " records sent again by the topology"));
                        }
                        if (p > publisherRetries) {
                            retries.add(new LatencyWindow.Event(now - windowStart, 0, (p - publisherRetries) + " records sent again by the bench's publisher"));
                        }
                        topologyRetries = t;
                        publisherRetries = p;
                    }
                }
                out.printf("latency phase: %s to %s (wall clock, for matching with logs)%n", Instant.ofEpochMilli(windowStart),
                        Instant.now());
                return new LatencyWindow(samples, pauses.pauses(), retries);
            }
        }
    }

    /**
     * The bench's own clients made ready before the first stamped run: the publisher's first send waits for its
     * producer id and the topics' metadata, the consumer's first poll for its fetch position, and that wait was
     * counted in the first runs' latency (a start-up of the bench, not of the topology: an agent's producer is
     * long-lived). The record goes to the pass-through's output topic, which nothing reads any more.
     */
    private void settle(KafkaProducer<String, byte[]> producer, KafkaConsumer<String, byte[]> consumer, ProcessorConfig config)
            throws Exception {
        producer.partitionsFor(config.topology().topics().hopObservations());
        producer.partitionsFor(config.topology().topics().handshakeObservations());
        producer.send(new ProducerRecord<>("bench-out-" + id, "settle", new byte[0])).get(30, TimeUnit.SECONDS);
        consumer.poll(Duration.ofMillis(100));
    }

    private void report(List<Throughput> passThrough, List<Throughput> topology, LatencyWindow latencies, PipelineMetrics metrics) {
        out.println();
        out.println("| pass | app | observations | seconds | observations/s | CPU s | CPU µs/observation | ratio topology / pass-through |");
        out.println("|---:|---|---:|---:|---:|---:|---:|---:|");
        List<Double> ratios = new ArrayList<>();
        List<Double> cpuRatios = new ArrayList<>();
        for (int i = 0; i < passThrough.size(); i++) {
            Throughput p = passThrough.get(i);
            Throughput t = topology.get(i);
            double ratio = t.perSecond() / p.perSecond();
            ratios.add(ratio);
            cpuRatios.add(t.cpuMicrosPerObservation() / p.cpuMicrosPerObservation());
            for (Throughput x : List.of(p, t)) {
                out.printf("| %d | %s | %d | %.1f | %.0f | %.1f | %.1f | %s |%n", i + 1, x.app(), x.observations(), x.seconds(),
                        x.perSecond(), x.cpuSeconds(), x.cpuMicrosPerObservation(), x == t ? String.format("%.2f", ratio) : "");
            }
        }
        out.printf("%nratio topology / pass-through (%s): %.2f, the median of %d alternating passes (each pass: %s; aim: >= 0.50);"
                        + " CPU per observation: %.1fx the pass-through's (median)%n",
                options.warmupRounds() > 0 ? "steady state" : "cold start", Medians.of(ratios), ratios.size(),
                ratios.stream().map(r -> String.format("%.2f", r)).collect(Collectors.joining(", ")), Medians.of(cpuRatios));
        if (!options.settings().isEmpty()) {
            out.printf("settings of both apps: %s%n", options.settings());
        }
        out.printf("topology output (last pass and the latency phase): %d diagnoses, %d anomaly records, %d link records, %d dead letters, %d duplicates dropped%n",
                metrics.get(PipelineMetrics.Counter.DIAGNOSES_OUT), metrics.get(PipelineMetrics.Counter.ANOMALIES_OUT),
                metrics.get(PipelineMetrics.Counter.LINK_UPDATES_OUT), metrics.get(PipelineMetrics.Counter.DEAD_LETTERS),
                metrics.get(PipelineMetrics.Counter.DUPLICATES_DROPPED));
        out.printf("producer retries (records sent again): pass-through %s, topology %s (per pass; the last topology's with its latency"
                        + " phase); retry warnings left out of the log (TransactionRaceRetryFilter, both apps, warm-ups included): %s%n",
                retriesPerPass(passThrough), retriesPerPass(topology), ProducerRetries.byError());
        if (latencies.size() == 0) {
            out.println("latency: no diagnosis seen");
            return;
        }
        out.printf("observation-to-diagnosis latency (read_committed, %d runs at %.0f runs/s): p50 %d ms, p99 %d ms, max %d ms%n",
                latencies.size(), options.latencyRunsPerSecond(), latencies.percentile(0.50), latencies.percentile(0.99), latencies.max());
        List<Long> slices = latencies.p99BySlice(LATENCY_SLICE_MS);
        if (slices.size() > 1) {
            out.printf("p99 of each %d s of the latency phase: %s ms%n", LATENCY_SLICE_MS / 1000,
                    slices.stream().map(String::valueOf).collect(Collectors.joining(", ")));
        }
        List<LatencyWindow.Stall> stalls = latencies.stalls();
        out.printf("runs at or over the p99, by send time (%d group(s); runs sent within %d s of each other are one group):%n",
                stalls.size(), LatencyWindow.STALL_GAP_MS / 1000);
        for (LatencyWindow.Stall stall : stalls) {
            out.printf("  +%.1f-%.1f s: %d run(s), worst %d ms%s%n", stall.from() / 1e3, stall.to() / 1e3, stall.runs(), stall.worst(),
                    latencies.near(stall).stream().map(e -> String.format("; at +%.2f s %s%s", e.at() / 1e3, e.what(),
                            e.millis() > 0 ? " " + e.millis() + " ms" : "")).collect(Collectors.joining()));
        }
        List<LatencyWindow.Event> pauses = latencies.pauses();
        out.printf("collector pauses in the latency phase (the bench's JVM: apps, publisher and consumer): %d, %d ms in all, longest %d ms;"
                        + " records sent again: %s%n", pauses.size(), pauses.stream().mapToLong(LatencyWindow.Event::millis).sum(),
                pauses.stream().mapToLong(LatencyWindow.Event::millis).max().orElse(0), latencies.retries().isEmpty() ? "none"
                        : latencies.retries().stream().map(e -> String.format("at +%.1f s %s", e.at() / 1e3, e.what()))
                        .collect(Collectors.joining("; ")));
    }

    private static String retriesPerPass(List<Throughput> passes) {
        return passes.stream().map(t -> Long.toString(t.producerRetries())).collect(Collectors.joining("/"));
    }
}
