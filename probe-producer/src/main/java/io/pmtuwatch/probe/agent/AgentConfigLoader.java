package io.pmtuwatch.probe.agent;

import io.pmtuwatch.probe.handshake.MssMode;
import io.pmtuwatch.schemas.client.KafkaClientConfigException;
import io.pmtuwatch.schemas.client.KafkaClientConfigFile;
import io.pmtuwatch.settings.Deprecations;
import io.pmtuwatch.settings.Durations;
import io.pmtuwatch.settings.EnvNames;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * Builds the one {@link AgentConfig} from command-line options, the environment and an optional
 * config file (a flat YAML mapping of {@link AgentSetting#configKey()}s), and validates all of it
 * at once, so a bad deployment fails at start with every problem listed, each with its source.
 */
public final class AgentConfigLoader {

    private static final Pattern AGENT_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final Pattern BOOTSTRAP = Pattern.compile("[^\\s,]+:\\d{1,5}(,[^\\s,]+:\\d{1,5})*");
    private static final Pattern TOPIC = Pattern.compile("[A-Za-z0-9._-]{1,249}");

    /** A raw value and where it came from, for messages. */
    private record Sourced(String value, String source) {
    }

    private final Map<AgentSetting, Sourced> raw = new EnumMap<>(AgentSetting.class);
    private final List<String> problems = new ArrayList<>();

    private AgentConfigLoader() {
    }

    /**
     * @param options    values given on the command line (absent settings are not in the map)
     * @param env        the environment (System.getenv() in production)
     * @param configFile optional YAML file
     */
    public static AgentConfig load(Map<AgentSetting, String> options, Map<String, String> env, Path configFile)
            throws ConfigException {
        AgentConfigLoader loader = new AgentConfigLoader();
        for (AgentSetting s : AgentSetting.values()) {
            if (s.defaultValue() != null) {
                loader.raw.put(s, new Sourced(s.defaultValue(), "default"));
            }
        }
        if (configFile != null) {
            loader.readFile(configFile);
        }
        for (AgentSetting s : AgentSetting.values()) {
            String value = EnvNames.lookup(env, s.configKey());
            if (value != null) {
                String name = env.containsKey(s.envVar()) ? s.envVar() : EnvNames.legacy(s.configKey());
                loader.raw.put(s, new Sourced(value.trim(), "env " + name));
            }
        }
        options.forEach((s, value) -> {
            if (value != null) {
                loader.raw.put(s, new Sourced(value.trim(), s.option()));
            }
        });
        return loader.build();
    }

    private void readFile(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            problems.add(file + ": cannot read config file: " + e.getMessage());
            return;
        }
        Node root;
        try {
            root = new Yaml(new LoaderOptions()).compose(new StringReader(text));
        } catch (MarkedYAMLException e) {
            problems.add(TargetsFileParser.at(file.toString(), e.getProblemMark()) + "not valid YAML: "
                    + (e.getProblem() == null ? e.getMessage() : e.getProblem()));
            return;
        } catch (YAMLException e) {
            problems.add(file + ": not valid YAML: " + e.getMessage());
            return;
        }
        if (root == null) {
            return; // an empty file sets nothing
        }
        if (!(root instanceof MappingNode mapping)) {
            problems.add(TargetsFileParser.at(file.toString(), root.getStartMark()) + "expected key: value lines");
            return;
        }
        for (NodeTuple tuple : mapping.getValue()) {
            String where = TargetsFileParser.at(file.toString(), tuple.getKeyNode().getStartMark());
            String key = tuple.getKeyNode() instanceof ScalarNode k ? k.getValue() : "?";
            Optional<AgentSetting> setting = byKey(key);
            if (setting.isEmpty()) {
                problems.add(where + "unknown key '" + key + "'");
            } else if (!(tuple.getValueNode() instanceof ScalarNode value)) {
                problems.add(where + "'" + key + "' must be a single value");
            } else {
                String location = where.substring(0, where.length() - 2); // "file:line:col"
                raw.put(setting.get(), new Sourced(value.getValue().trim(), location));
            }
        }
    }

    /** The setting of a file key; a previous release's snake_case key still works, with a warning. */
    private static Optional<AgentSetting> byKey(String key) {
        for (AgentSetting s : AgentSetting.values()) {
            if (s.configKey().equals(key)) {
                return Optional.of(s);
            }
            if (key.equals(s.legacyKey())) {
                Deprecations.warn(s.configKey(), "config-file key '" + key + "'", "'" + s.configKey() + "'");
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    private AgentConfig build() throws ConfigException {
        String agentId = required(AgentSetting.AGENT_ID, v -> AGENT_ID.matcher(v).matches() ? v : null,
                "letters, digits, '.', '_' or '-', at most 64");
        String name = optional(AgentSetting.AGENT_NAME);
        String location = optional(AgentSetting.AGENT_LOCATION);
        String bootstrap = required(AgentSetting.BOOTSTRAP_SERVERS,
                v -> BOOTSTRAP.matcher(v).matches() ? v : null, "host:port[,host:port...]");
        Path targets = required(AgentSetting.TARGETS_FILE, Path::of, "a file path");
        Integer concurrency = required(AgentSetting.MAX_CONCURRENT_RUNS, v -> intIn(v, 1, 256), "a number 1-256");
        Double jitter = required(AgentSetting.JITTER, v -> fractionUpTo(v, 0.5), "a fraction 0-0.5");
        Duration timeout = required(AgentSetting.HANDSHAKE_TIMEOUT,
                v -> durationIn(AgentSetting.HANDSHAKE_TIMEOUT, v, Duration.ofMillis(100), Duration.ofSeconds(60)), "a duration 100ms-60s");
        MssMode mss = required(AgentSetting.MSS_METHOD, AgentConfigLoader::mssMode, "auto, pcap or tcp_info");
        Boolean locateClamps = required(AgentSetting.LOCATE_CLAMPS, AgentConfigLoader::bool, "true or false");
        String hopTopic = required(AgentSetting.HOP_TOPIC, v -> TOPIC.matcher(v).matches() ? v : null, "a topic name");
        String handshakeTopic = required(AgentSetting.HANDSHAKE_TOPIC,
                v -> TOPIC.matcher(v).matches() ? v : null, "a topic name");
        Duration grace = required(AgentSetting.SHUTDOWN_GRACE,
                v -> durationIn(AgentSetting.SHUTDOWN_GRACE, v, Duration.ofSeconds(1), Duration.ofMinutes(10)), "a duration 1s-10m");
        Duration delivery = required(AgentSetting.DELIVERY_TIMEOUT,
                v -> durationIn(AgentSetting.DELIVERY_TIMEOUT, v, Duration.ofSeconds(10), Duration.ofHours(1)),
                "a duration 10s-1h");
        Duration startupWait = required(AgentSetting.STARTUP_WAIT,
                v -> durationIn(AgentSetting.STARTUP_WAIT, v, Duration.ZERO, Duration.ofHours(24)),
                "a duration 0-24h (0: forever)");
        Integer metricsPort = required(AgentSetting.METRICS_PORT, v -> intIn(v, -1, 65_535),
                "a port 1-65535, 0 (any free one) or -1 (none)");
        String metricsBind = required(AgentSetting.METRICS_BIND, v -> v.isBlank() ? null : v, "an address");
        Map<String, String> kafkaClientConfig = kafkaClientConfig();
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return new AgentConfig(agentId, name, location, bootstrap, targets, concurrency, jitter, timeout, mss,
                hopTopic, handshakeTopic, grace, locateClamps, kafkaClientConfig, delivery, startupWait, metricsPort,
                metricsBind);
    }

    private Map<String, String> kafkaClientConfig() {
        String file = optional(AgentSetting.KAFKA_CONFIG);
        if (file == null) {
            return Map.of();
        }
        try {
            return KafkaClientConfigFile.load(Path.of(file));
        } catch (KafkaClientConfigException e) {
            problems.add(AgentSetting.KAFKA_CONFIG.configKey() + " (from " + raw.get(AgentSetting.KAFKA_CONFIG).source()
                    + "): " + e.getMessage());
            return Map.of();
        }
    }

    private String optional(AgentSetting setting) {
        Sourced value = raw.get(setting);
        return value == null || value.value().isEmpty() ? null : value.value();
    }

    /** The parsed value, or null with a problem recorded; {@code parser} returns null for a bad value. */
    private <T> T required(AgentSetting setting, Function<String, T> parser, String expected) {
        Sourced value = raw.get(setting);
        if (value == null || value.value().isEmpty()) {
            problems.add(setting.configKey() + " is required: set " + setting.option() + ", env " + setting.envVar()
                    + " or '" + setting.configKey() + "' in the config file");
            return null;
        }
        T parsed;
        try {
            parsed = parser.apply(value.value());
        } catch (RuntimeException e) {
            parsed = null;
        }
        if (parsed == null) {
            problems.add(setting.configKey() + " '" + value.value() + "' (from " + value.source() + "): expected "
                    + expected);
        }
        return parsed;
    }

    private static Integer intIn(String v, int min, int max) {
        int n = Integer.parseInt(v);
        return n >= min && n <= max ? n : null;
    }

    private static Double fractionUpTo(String v, double max) {
        double d = Double.parseDouble(v);
        return d >= 0 && d <= max ? d : null;
    }

    private static Duration durationIn(AgentSetting setting, String v, Duration min, Duration max) {
        Duration d = Durations.parse(setting.configKey(), v);
        return d.compareTo(min) >= 0 && d.compareTo(max) <= 0 ? d : null;
    }

    private static Boolean bool(String v) {
        return switch (v.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "true", "yes", "on" -> Boolean.TRUE;
            case "false", "no", "off" -> Boolean.FALSE;
            default -> null;
        };
    }

    private static MssMode mssMode(String v) {
        return switch (v.toLowerCase(Locale.ROOT)) {
            case "auto" -> MssMode.AUTO;
            case "pcap" -> MssMode.PCAP;
            case "tcp_info", "tcpinfo" -> MssMode.TCP_INFO;
            default -> null;
        };
    }
}
