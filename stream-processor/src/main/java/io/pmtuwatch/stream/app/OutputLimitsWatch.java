package io.pmtuwatch.stream.app;

import io.pmtuwatch.stream.config.OutputLimits;
import io.pmtuwatch.stream.config.ProcessorConfig;
import io.pmtuwatch.stream.config.TopicNames;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Keeps the processor's {@link OutputLimits} current: the output topics' {@code max.message.bytes}
 * and {@code compression.type} read from the broker (describeConfigs) at start-up and again every
 * {@link #REFRESH} (an operator may change a topic's settings while the processor runs; they change
 * rarely, so a rare read is enough).
 * A read that fails keeps what was known, says so once and is tried again every
 * {@link #RETRY_AFTER_FAILURE}; without a known limit an oversized output is left to the broker's refusal.
 */
final class OutputLimitsWatch implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(OutputLimitsWatch.class);
    static final Duration REFRESH = Duration.ofMinutes(10);
    /** After a failed read, the next one comes sooner. */
    static final Duration RETRY_AFTER_FAILURE = Duration.ofSeconds(10);
    private static final int START_ATTEMPTS = 5;
    private static final Set<String> KNOWN_COMPRESSION_TYPES =
            Set.of("producer", "uncompressed", "none", "gzip", "snappy", "lz4", "zstd");

    private final OutputLimits limits;
    private final Map<String, Object> adminConfig;
    private final List<String> topics;
    private final ScheduledExecutorService scheduler;
    private volatile boolean failing;
    private int failures;

    private OutputLimitsWatch(OutputLimits limits, Map<String, Object> adminConfig, List<String> topics) {
        this.limits = limits;
        this.adminConfig = adminConfig;
        this.topics = topics;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "output-limits");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Reads the limits once now, then every {@link #REFRESH}. */
    static OutputLimitsWatch start(ProcessorConfig config, Properties streamsProps) {
        TopicNames names = config.topology().topics();
        Map<String, Object> admin = config.plainClientConfig(AdminClientConfig.configNames());
        admin.putIfAbsent(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000);
        OutputLimitsWatch watch = new OutputLimitsWatch(producerLimits(streamsProps), admin,
                List.of(names.diagnoses(), names.anomalies(), names.links()));
        // Topics created a moment ago may not be known to every broker yet: a few quick tries.
        for (int attempt = 1; !watch.refresh() && attempt < START_ATTEMPTS; attempt++) {
            try {
                Thread.sleep(RETRY_AFTER_FAILURE.toMillis() / 10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        log.info("Outputs above these sizes are dead-lettered, not sent: {}", watch.limits);
        watch.scheduleNext();
        return watch;
    }

    private void scheduleNext() {
        Duration delay = failing ? RETRY_AFTER_FAILURE : REFRESH;
        try {
            scheduler.schedule(() -> {
                refresh();
                scheduleNext();
            }, delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException closed) {
            // closed meanwhile: nothing more to read
        }
    }

    OutputLimits limits() {
        return limits;
    }

    // The producer's own settings, as Kafka Streams resolves them: "producer."-prefixed before plain.
    static OutputLimits producerLimits(Properties streamsProps) {
        Object maxRequest = producerSetting(streamsProps, ProducerConfig.MAX_REQUEST_SIZE_CONFIG);
        Object compression = producerSetting(streamsProps, ProducerConfig.COMPRESSION_TYPE_CONFIG);
        return new OutputLimits(maxRequest == null ? OutputLimits.DEFAULT_MAX_REQUEST_SIZE
                : Integer.parseInt(maxRequest.toString().trim()), compression == null ? "none" : compression.toString().trim());
    }

    private static Object producerSetting(Properties props, String name) {
        Object prefixed = props.get(StreamsConfig.producerPrefix(name));
        return prefixed != null ? prefixed : props.get(name);
    }

    /** Reads the topics' limits now; on failure keeps the known ones. Returns whether it read them. */
    synchronized boolean refresh() {
        try (Admin admin = Admin.create(adminConfig)) {
            List<ConfigResource> resources = topics.stream()
                    .map(topic -> new ConfigResource(ConfigResource.Type.TOPIC, topic)).toList();
            Map<ConfigResource, Config> configs = admin.describeConfigs(resources).all().get(30, TimeUnit.SECONDS);
            Map<String, Integer> read = new HashMap<>();
            Map<String, OutputLimits.Codec> compressions = new HashMap<>();
            configs.forEach((resource, config) -> {
                ConfigEntry entry = config.get(TopicConfig.MAX_MESSAGE_BYTES_CONFIG);
                if (entry != null && entry.value() != null) {
                    read.put(resource.name(), Integer.parseInt(entry.value()));
                }
                OutputLimits.Codec compression = compression(config);
                if (compression != null) {
                    compressions.put(resource.name(), compression);
                }
            });
            limits.update(read);
            limits.updateCompressions(compressions);
            if (failures >= START_ATTEMPTS) {
                log.info("Read the output topics' max.message.bytes again: {}", read);
            }
            failing = false;
            failures = 0;
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (Exception e) {
            failures++;
            if (failures == START_ATTEMPTS) { // not the passing miss of a topic created a moment ago
                log.warn("Could not read the output topics' max.message.bytes ({}); until it can, an output larger than a"
                        + " topic takes is refused by the broker instead of dead-lettered before it is sent (check that"
                        + " topics {} exist and that this principal may DescribeConfigs them); trying again every {} s",
                        e.getCause() != null ? e.getCause().toString() : e.toString(), topics,
                        RETRY_AFTER_FAILURE.toSeconds());
            }
            failing = true;
            return false;
        }
    }

    // The topic's compression.type with its level for that codec (compression.gzip.level and so on), if set;
    // null for a value this check does not know (the producer's compression is then assumed).
    static OutputLimits.Codec compression(Config config) {
        ConfigEntry type = config.get(TopicConfig.COMPRESSION_TYPE_CONFIG);
        if (type == null || type.value() == null || !KNOWN_COMPRESSION_TYPES.contains(type.value())) {
            return null;
        }
        ConfigEntry level = config.get("compression." + type.value() + ".level");
        Integer parsed = null;
        if (level != null && level.value() != null && level.source() != ConfigEntry.ConfigSource.DEFAULT_CONFIG) {
            parsed = Integer.parseInt(level.value().trim());
        }
        return new OutputLimits.Codec(type.value(), parsed);
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
