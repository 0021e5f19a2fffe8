package io.pmtuwatch.stream.config;

import io.pmtuwatch.schemas.Severity;
import io.pmtuwatch.schemas.Topics;

import java.time.Duration;
import java.util.List;

/** Every key of the stream processor's configuration, with its default and meaning (the README's reference is made from these). */
public final class Settings {

    // Kafka and Kafka Streams
    public static final Setting<String> BOOTSTRAP_SERVERS = Setting.text("kafka.bootstrap.servers", "localhost:9092",
            "Kafka bootstrap servers.");
    public static final Setting<String> KAFKA_CONFIG = Setting.optionalText("kafka.config",
            "Kafka client properties file (key=value lines: security.protocol, sasl.*, ssl.*), applied to every Kafka client of the"
                    + " processor (Streams and topic creation); streams.* keys override it. The agents' --kafka-config file format.");
    public static final Setting<String> APPLICATION_ID = Setting.text("application.id", "pmtu-stream-processor",
            "Kafka Streams application id: consumer group, prefix of internal topics. Instances with the same id share the work.");
    public static final Setting<String> STATE_DIR = Setting.optionalText("state.dir",
            "Directory of the local state stores (each keeps a file of its committed writes there), created at start if"
                    + " missing. Default: $XDG_STATE_HOME/pmtu-watch/streams, else ~/.local/state/pmtu-watch/streams (not /tmp,"
                    + " whose cleaners delete the stores' files).");
    public static final Setting<Integer> STREAM_THREADS = Setting.integer("stream.threads", 1, 1, 64,
            "Stream threads of this instance.");
    public static final Setting<Integer> STANDBY_REPLICAS = Setting.integer("standby.replicas", 1, 0, 8,
            "Warm copies of each state store on other instances: fail-over in seconds instead of a restore. Set 0"
                    + " where one instance is all there is: it has nowhere to put a copy, and Kafka Streams warns for"
                    + " every stateful task at each rebalance; with several, 0 saves disk and network.");
    public static final Setting<String> INSTANCE_ID = Setting.optionalText("instance.id",
            "Static group membership (group.instance.id): an instance restarted with the same id (after a crash, say) takes"
                    + " its tasks back at once instead of waiting for the consumer session timeout. Default: derived from the"
                    + " host name and state.dir, stable across restarts of one instance; 'none' turns it off.");
    public static final Setting<Integer> PARTITIONS = Setting.integer("topic.partitions", 6, 1, 10_000,
            "Partitions of the topics the processor creates and of its link repartition topic: the upper bound of parallelism."
                    + " Fixed once state exists (changing it re-keys stateful data).");
    public static final Setting<Integer> REPLICATION_FACTOR = Setting.integer("topic.replication.factor", -1, -1, 16,
            "Replication factor of created and internal topics; -1 takes the broker's default.");
    public static final Setting<Boolean> CREATE_TOPICS = Setting.bool("topic.create", true,
            "Create missing input and output topics at start (with the partitions above, pmtu.links compacted).");
    public static final Setting<ProcessingGuarantee> PROCESSING_GUARANTEE = Setting.choice("processing.guarantee",
            ProcessingGuarantee.EXACTLY_ONCE_V2, ProcessingGuarantee.class,
            "exactly_once_v2: no diagnosis lost or doubled across a crash. at_least_once: shorter commits, but the runs in"
                    + " flight at a crash may be diagnosed twice or (rarely) not at all until their path's next run. Either way a"
                    + " restart after kill -9 restores only the changelog tail after the stores' committed state. See"
                    + " stream-processor/README.md, Operations.");
    public static final Setting<Duration> SESSION_TIMEOUT = Setting.duration("group.session-timeout", Duration.ofSeconds(10),
            "How soon the others take over the tasks of an instance that died without leaving the group (kill -9, lost host):"
                    + " the consumer session timeout (heartbeats every third of it). Kafka's default is 45 s; the broker bounds it"
                    + " (group.min.session.timeout.ms, 6 s by default).");
    public static final Setting<Duration> COMMIT_INTERVAL = Setting.duration("commit.interval", Duration.ofMillis(100),
            "Transaction commit interval: exactly-once output becomes visible to read_committed consumers at each commit.");

    // Topics
    public static final Setting<String> HOP_TOPIC = Setting.text("topic.hop-observations", Topics.HOP_OBSERVATIONS, "Input: hop observations.");
    public static final Setting<String> HANDSHAKE_TOPIC = Setting.text("topic.handshake-observations",
            Topics.HANDSHAKE_OBSERVATIONS, "Input: handshake observations.");
    public static final Setting<String> DIAGNOSES_TOPIC = Setting.text("topic.diagnoses", Topics.DIAGNOSES, "Output: path diagnoses.");
    public static final Setting<String> ANOMALIES_TOPIC = Setting.text("topic.anomalies", Topics.ANOMALIES, "Output: anomaly windows.");
    public static final Setting<String> LINKS_TOPIC = Setting.text("topic.links", Topics.LINKS, "Output (compacted): per-link MTU view.");
    public static final Setting<String> DEAD_LETTER_TOPIC = Setting.text("topic.dead-letter", Topics.DEAD_LETTER,
            "Output: records that could not be decoded or failed validation.");

    // Run assembly
    public static final Setting<Duration> RUN_TIMEOUT = Setting.duration("run.timeout", Duration.ofSeconds(60),
            "A run without its last-in-run marker (or missing announced observations) is diagnosed as incomplete this long after its first observation.");
    public static final Setting<Duration> HANDSHAKE_GRACE = Setting.duration("run.handshake-grace", Duration.ofMillis(500),
            "A complete run of a TCP target waits this long for its handshake, then is diagnosed without it.");
    public static final Setting<Duration> RUN_SCAN_INTERVAL = Setting.duration("run.scan-interval", Duration.ofMillis(200),
            "How often due runs are looked up (a time-ordered index: cost is the number of due runs, not of open runs).");
    public static final Setting<Duration> DEDUP_RETENTION = Setting.duration("run.dedup-retention", Duration.ofMinutes(10),
            "How long a finished run (or passive observation) is remembered so that late duplicates are dropped.");
    public static final Setting<Duration> PASSIVE_HANDSHAKE_WINDOW = Setting.duration("passive.handshake-window",
            Duration.ofMinutes(5),
            "A passive observation (no run id) is diagnosed with the path's latest handshake if their timestamps are at most this far apart.");

    // Event time
    public static final Setting<Duration> TIME_FUTURE_TOLERANCE = Setting.duration("time.future-tolerance",
            Duration.ofMinutes(5),
            "An observation timestamped later than the processor's clock plus this is dead-lettered (EVENT_TIME_IN_FUTURE):"
                    + " the agent's clock runs ahead.");
    public static final Setting<Duration> TIME_PAST_TOLERANCE = Setting.duration("time.past-tolerance", Duration.ofDays(3650),
            "An observation timestamped earlier than the processor's clock minus this is dead-lettered (EVENT_TIME_TOO_OLD):"
                    + " a clock far behind. Ten years by default: replays of old captures are legitimate, and outputs carry the"
                    + " processor's clock, so no broker limit applies.");

    // Anomalies
    public static final Setting<Integer> DROP_MIN_BYTES = Setting.integer("anomaly.pmtu-drop.min-bytes", 1, 1, 65_535,
            "A PMTU at least this many bytes below the path's baseline opens a PMTU_DROP window.");
    public static final Setting<Integer> DROP_BASELINE_RUNS = Setting.integer("anomaly.pmtu-drop.baseline-runs", 5, 1, 1000,
            "The baseline is the median PMTU of this many latest diagnoses.");
    public static final Setting<Integer> DROP_MIN_BASELINE_RUNS = Setting.integer("anomaly.pmtu-drop.min-baseline-runs", 3, 1, 1000,
            "No drop is judged before this many diagnoses form a baseline.");
    public static final Setting<Duration> DROP_REBASELINE_AFTER = Setting.duration("anomaly.pmtu-drop.rebaseline-after",
            Duration.ofHours(1), "A drop that lasts this long becomes the new normal: its window closes and the baseline restarts.");
    public static final Setting<Duration> PERSISTENT_DURATION = Setting.duration("anomaly.persistent-finding.duration",
            Duration.ofMinutes(10), "A finding present in every diagnosis of a path for this long opens a PERSISTENT_FINDING window.");
    public static final Setting<Severity> PERSISTENT_MIN_SEVERITY = Setting.choice("anomaly.persistent-finding.min-severity",
            Severity.WARNING, Severity.class, "Findings below this severity never open a window.");
    public static final Setting<Duration> FLAPPING_WINDOW = Setting.duration("anomaly.flapping.window", Duration.ofMinutes(10),
            "PMTU changes are counted over this sliding window.");
    public static final Setting<Integer> FLAPPING_MIN_CHANGES = Setting.integer("anomaly.flapping.min-changes", 4, 2, 1000,
            "This many PMTU changes within the window open a PMTU_FLAPPING window; fewer close it.");
    public static final Setting<Integer> LINK_MIN_AGENTS = Setting.integer("anomaly.link-drop.min-agents", 2, 1, 1000,
            "A link's MTU drop seen by this many agents within the window opens a LINK_MTU_DROP window.");
    public static final Setting<Duration> LINK_WINDOW = Setting.duration("anomaly.link-drop.window", Duration.ofMinutes(15),
            "Agents count towards a link anomaly while their latest report is this recent.");

    // Ageing and bounds
    public static final Setting<Duration> PATH_RETENTION = Setting.duration("ageing.path-retention", Duration.ofHours(1),
            "A path with no diagnosis for this long is forgotten: its state is deleted and its open anomalies close.");
    public static final Setting<Duration> LINK_RETENTION = Setting.duration("ageing.link-retention", Duration.ofHours(6),
            "A link with no report for this long is forgotten: a tombstone is published on pmtu.links.");
    public static final Setting<Duration> AGEING_SCAN_INTERVAL = Setting.duration("ageing.scan-interval", Duration.ofMinutes(1),
            "How often paths and links are checked for ageing.");
    public static final Setting<Integer> LINK_MAX_LISTED = Setting.integer("links.max-listed", 50, 1, 10_000,
            "Paths and agents listed on a pmtu.links record (the most recent ones); the counts stay exact.");
    public static final Setting<Duration> LINK_REFRESH = Setting.duration("links.refresh-interval", Duration.ofMinutes(1),
            "A link record is republished when something changes, and otherwise at most this often to advance lastSeen.");

    // Operations
    public static final Setting<Duration> STARTUP_WAIT = Setting.durationOrZero("startup.wait", Duration.ofMinutes(5),
            "At start, how long to wait for Kafka (one line per 10 s naming the address) before giving up with exit 2;"
                    + " 0 waits forever.");
    public static final Setting<Duration> HEALTH_STALL_AFTER = Setting.duration("health.stall-after", Duration.ofMinutes(2),
            "/health turns DOWN when input records wait and the committed offset of a partition has not moved for this long.");
    public static final Setting<Integer> HEALTH_MAX_THREAD_FAILURES = Setting.integer("health.max-thread-failures", 3, 1, 1000,
            "/health turns DOWN when stream threads failed this often within health.failure-window.");
    public static final Setting<Duration> HEALTH_FAILURE_WINDOW = Setting.duration("health.failure-window",
            Duration.ofMinutes(10), "Window over which stream-thread failures are counted for /health.");

    // Query API
    public static final Setting<String> QUERY_BIND = Setting.text("query.bind", "127.0.0.1",
            "Address the HTTP query API listens on (localhost by default).");
    public static final Setting<Integer> QUERY_PORT = Setting.integer("query.port", 8087, -1, 65_535,
            "Port of the HTTP query API; 0 picks a free one, -1 disables it.");
    public static final Setting<String> QUERY_ADVERTISED_HOST = Setting.optionalText("query.advertised-host",
            "Host other instances use to reach this one's query API (application.server); default: query.bind.");

    public static final List<Setting<?>> ALL = List.of(BOOTSTRAP_SERVERS, KAFKA_CONFIG, APPLICATION_ID, STATE_DIR, STREAM_THREADS,
            STANDBY_REPLICAS, INSTANCE_ID, PARTITIONS, REPLICATION_FACTOR, CREATE_TOPICS, PROCESSING_GUARANTEE, SESSION_TIMEOUT,
            COMMIT_INTERVAL,
            HOP_TOPIC, HANDSHAKE_TOPIC, DIAGNOSES_TOPIC, ANOMALIES_TOPIC, LINKS_TOPIC, DEAD_LETTER_TOPIC,
            RUN_TIMEOUT, HANDSHAKE_GRACE, RUN_SCAN_INTERVAL, DEDUP_RETENTION, PASSIVE_HANDSHAKE_WINDOW,
            TIME_FUTURE_TOLERANCE, TIME_PAST_TOLERANCE,
            DROP_MIN_BYTES, DROP_BASELINE_RUNS, DROP_MIN_BASELINE_RUNS, DROP_REBASELINE_AFTER, PERSISTENT_DURATION,
            PERSISTENT_MIN_SEVERITY, FLAPPING_WINDOW, FLAPPING_MIN_CHANGES, LINK_MIN_AGENTS, LINK_WINDOW,
            PATH_RETENTION, LINK_RETENTION, AGEING_SCAN_INTERVAL, LINK_MAX_LISTED, LINK_REFRESH,
            STARTUP_WAIT, HEALTH_STALL_AFTER, HEALTH_MAX_THREAD_FAILURES, HEALTH_FAILURE_WINDOW,
            QUERY_BIND, QUERY_PORT, QUERY_ADVERTISED_HOST);

    /** Keys starting with this are handed to Kafka Streams as they are, without the prefix (e.g. {@code streams.consumer.session.timeout.ms}). */
    public static final String STREAMS_PASSTHROUGH_PREFIX = "streams.";

    private Settings() {
    }

    public static Setting<?> byKey(String key) {
        for (Setting<?> setting : ALL) {
            if (setting.key().equals(key)) {
                return setting;
            }
        }
        return null;
    }
}
