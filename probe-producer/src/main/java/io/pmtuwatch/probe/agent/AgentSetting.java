package io.pmtuwatch.probe.agent;

import io.pmtuwatch.schemas.Topics;

/**
 * Every setting of the agent, once: its command-line option, environment variable, config-file
 * key and default. Precedence: option, then environment, then config file, then default.
 * The {@code run} command's help lists them from here.
 */
public enum AgentSetting {
    AGENT_ID("--agent-id", "PMTU_AGENT_ID", "agent_id", null,
            "Stable agent id, part of every path id (letters, digits, . _ -). Required."),
    AGENT_NAME("--agent-name", "PMTU_AGENT_NAME", "agent_name", null, "Human-readable agent name."),
    AGENT_LOCATION("--agent-location", "PMTU_AGENT_LOCATION", "agent_location", null,
            "Free-text location, e.g. 'Frankfurt, DE'."),
    BOOTSTRAP_SERVERS("--bootstrap-servers", "KAFKA_BOOTSTRAP_SERVERS", "kafka_bootstrap_servers", null,
            "Kafka bootstrap servers, host:port[,host:port...]. Required."),
    KAFKA_CONFIG("--kafka-config", "PMTU_KAFKA_CONFIG", "kafka_config", null,
            "Kafka client properties file (key=value lines: security.protocol, sasl.*, ssl.*, tuning), as for "
                    + "Kafka's own --command-config."),
    TARGETS_FILE("--targets", "PMTU_TARGETS_FILE", "targets_file", null, "Targets file (YAML list). Required."),
    MAX_CONCURRENT_RUNS("--max-concurrent-runs", "PMTU_MAX_CONCURRENT_RUNS", "max_concurrent_runs", "4",
            "Probe runs in flight at once, 1-256."),
    JITTER("--jitter", "PMTU_JITTER", "jitter", "0.1",
            "Random spread of each run's start, as a fraction of the interval, 0-0.5."),
    HANDSHAKE_TIMEOUT("--handshake-timeout", "PMTU_HANDSHAKE_TIMEOUT", "handshake_timeout", "3s",
            "How long to wait for a SYN-ACK, 100ms-60s."),
    MSS_METHOD("--mss-method", "PMTU_MSS_METHOD", "mss_method", "auto",
            "auto (capture when allowed), pcap, or tcp_info."),
    LOCATE_CLAMPS("--locate-clamps", "PMTU_LOCATE_CLAMPS", "locate_clamps", "false",
            "true: locate MSS clamps hop by hop in every TCP run (TTL-limited SYNs; needs root / CAP_NET_RAW)."),
    HOP_TOPIC("--hop-topic", "PMTU_HOP_TOPIC", "hop_topic", Topics.HOP_OBSERVATIONS, "Topic of hop observations."),
    HANDSHAKE_TOPIC("--handshake-topic", "PMTU_HANDSHAKE_TOPIC", "handshake_topic", Topics.HANDSHAKE_OBSERVATIONS,
            "Topic of handshake observations."),
    DELIVERY_TIMEOUT("--delivery-timeout", "PMTU_DELIVERY_TIMEOUT", "delivery_timeout", "2m",
            "How long a run's observations are retried while Kafka is unreachable (a broker restart), 10s-1h; the "
                    + "target's runs due meanwhile are skipped, and a run not delivered in time is counted as undelivered."),
    STARTUP_WAIT("--startup-wait", "PMTU_STARTUP_WAIT", "startup_wait", "5m",
            "At start, how long to wait for Kafka (one line per 10 s naming the address) before giving up, 0-24h; "
                    + "0 waits forever."),
    SHUTDOWN_GRACE("--shutdown-grace", "PMTU_SHUTDOWN_GRACE", "shutdown_grace", "30s",
            "On SIGTERM, how long in-flight runs and Kafka deliveries may take, 1s-10m.");

    private final String option;
    private final String envVar;
    private final String configKey;
    private final String defaultValue;
    private final String description;

    AgentSetting(String option, String envVar, String configKey, String defaultValue, String description) {
        this.option = option;
        this.envVar = envVar;
        this.configKey = configKey;
        this.defaultValue = defaultValue;
        this.description = description;
    }

    public String option() {
        return option;
    }

    public String envVar() {
        return envVar;
    }

    public String configKey() {
        return configKey;
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
        return description + " Env " + envVar + ", config key " + configKey
                + (defaultValue == null ? "." : ", default " + defaultValue + ".");
    }
}
