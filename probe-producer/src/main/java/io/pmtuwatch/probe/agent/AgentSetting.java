package io.pmtuwatch.probe.agent;

import io.pmtuwatch.schemas.Topics;
import io.pmtuwatch.settings.EnvNames;

/**
 * Every setting of the agent, once: its command-line option, key (config file; the environment
 * variable follows from it by the one rule of {@link EnvNames}), the previous release's file key,
 * and default. Precedence: option, then environment, then config file, then default.
 * The {@code run} command's help lists them from here.
 */
public enum AgentSetting {
    AGENT_ID("--agent-id", "agent.id", "agent_id", null,
            "Stable agent id, part of every path id (letters, digits, . _ -). Required."),
    AGENT_NAME("--agent-name", "agent.name", "agent_name", null, "Human-readable agent name."),
    AGENT_LOCATION("--agent-location", "agent.location", "agent_location", null,
            "Free-text location, e.g. 'Frankfurt, DE'."),
    BOOTSTRAP_SERVERS("--bootstrap-servers", "kafka.bootstrap.servers", "kafka_bootstrap_servers", null,
            "Kafka bootstrap servers, host:port[,host:port...]. Required."),
    KAFKA_CONFIG("--kafka-config", "kafka.config", "kafka_config", null,
            "Kafka client properties file (key=value lines: security.protocol, sasl.*, ssl.*, tuning), as for "
                    + "Kafka's own --command-config."),
    TARGETS_FILE("--targets", "targets.file", "targets_file", null, "Targets file (YAML list). Required."),
    MAX_CONCURRENT_RUNS("--max-concurrent-runs", "max-concurrent-runs", "max_concurrent_runs", "4",
            "Probe runs in flight at once, 1-256."),
    JITTER("--jitter", "jitter", null, "0.1",
            "Random spread of each run's start, as a fraction of the interval, 0-0.5."),
    HANDSHAKE_TIMEOUT("--handshake-timeout", "handshake.timeout", "handshake_timeout", "3s",
            "How long to wait for a SYN-ACK, 100ms-60s."),
    MSS_METHOD("--mss-method", "mss.method", "mss_method", "auto",
            "auto (capture when allowed), pcap, or tcp_info."),
    LOCATE_CLAMPS("--locate-clamps", "locate-clamps", "locate_clamps", "false",
            "true: locate MSS clamps hop by hop in every TCP run (TTL-limited SYNs; needs root / CAP_NET_RAW)."),
    HOP_TOPIC("--hop-topic", "topic.hop-observations", "hop_topic", Topics.HOP_OBSERVATIONS, "Topic of hop observations."),
    HANDSHAKE_TOPIC("--handshake-topic", "topic.handshake-observations", "handshake_topic", Topics.HANDSHAKE_OBSERVATIONS,
            "Topic of handshake observations."),
    DELIVERY_TIMEOUT("--delivery-timeout", "delivery.timeout", "delivery_timeout", "2m",
            "How long a run's observations are retried while Kafka is unreachable (a broker restart), 10s-1h; the "
                    + "target's runs due meanwhile are skipped, and a run not delivered in time is counted as undelivered."),
    STARTUP_WAIT("--startup-wait", "startup.wait", "startup_wait", "5m",
            "At start, how long to wait for Kafka (one line per 10 s naming the address) before giving up, 0-24h; "
                    + "0 waits forever."),
    SHUTDOWN_GRACE("--shutdown-grace", "shutdown.grace", "shutdown_grace", "30s",
            "On SIGTERM, how long in-flight runs and Kafka deliveries may take, 1s-10m."),
    METRICS_PORT("--metrics-port", "metrics.port", null, "-1",
            "Port of the agent's HTTP GET /metrics (Prometheus text: runs started, completed, failed, undelivered);"
                    + " 0 picks a free one, -1 disables it."),
    METRICS_BIND("--metrics-bind", "metrics.bind", null, "127.0.0.1",
            "Address the metrics port listens on (localhost by default; 0.0.0.0 for all).");

    private final String option;
    private final String key;
    private final String legacyKey;
    private final String defaultValue;
    private final String description;

    AgentSetting(String option, String key, String legacyKey, String defaultValue, String description) {
        this.option = option;
        this.key = key;
        this.legacyKey = legacyKey;
        this.defaultValue = defaultValue;
        this.description = description;
    }

    public String option() {
        return option;
    }

    /** The environment variable: {@code PMTU_} and the key (see {@link EnvNames}). */
    public String envVar() {
        return EnvNames.of(key);
    }

    /** The config-file key, e.g. {@code kafka.bootstrap.servers}. */
    public String configKey() {
        return key;
    }

    /** The previous release's snake_case file key, still read with a deprecation warning; null if unchanged. */
    public String legacyKey() {
        return legacyKey;
    }

    /** Null when the setting has no default. */
    public String defaultValue() {
        return defaultValue;
    }

    public String description() {
        return description;
    }

    /** The help text of one setting: description, then where else it can come from. */
    public String help() {
        return description + " Env " + envVar() + ", config key " + key
                + (defaultValue == null ? "." : ", default " + defaultValue + ".");
    }
}
