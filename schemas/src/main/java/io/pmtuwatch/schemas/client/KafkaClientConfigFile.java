package io.pmtuwatch.schemas.client;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.AbstractMap;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.TreeSet;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.ConfigDef;

/**
 * A Kafka client properties file as Kafka's own {@code --command-config} files are usually written:
 * one {@code key=value} per line, {@code #} or {@code !} comments (no {@code key: value} separators
 * and no line continuations: a value such as {@code sasl.jaas.config} stays on one line). It carries what a deployment adds
 * to every client (security.protocol, sasl.*, ssl.*, tuning) and is read by every pmtu-watch
 * command that talks to Kafka.
 *
 * <p>Validated when loaded, so a typo fails at start-up with the file and line instead of a
 * silent default: every key must be a Kafka producer, consumer or admin setting, and settings
 * that pmtu-watch manages itself (serializers, idempotence, acks, groups, transactions) are
 * refused with the reason. Files a setting names (trust stores, key stores) must exist. Errors never
 * repeat a value (the file holds passwords), and the loaded map prints secret values masked.
 */
public final class KafkaClientConfigFile {

    /** Set by pmtu-watch because correctness depends on them; a file may not change them. */
    private static final Map<String, String> MANAGED = Map.ofEntries(
            Map.entry("bootstrap.servers", "give it with --bootstrap-servers or its environment variable"),
            Map.entry("key.serializer", "records are encoded by pmtu-watch"),
            Map.entry("value.serializer", "records are encoded by pmtu-watch"),
            Map.entry("key.deserializer", "records are decoded by pmtu-watch"),
            Map.entry("value.deserializer", "records are decoded by pmtu-watch"),
            Map.entry("enable.idempotence", "observations must not be lost or doubled by retries"),
            Map.entry("acks", "observations must not be lost or doubled by retries"),
            Map.entry("transactional.id", "transactions are managed by pmtu-watch"),
            Map.entry("group.id", "each command names its own consumer group"),
            Map.entry("enable.auto.commit", "offsets are committed only after records are stored"),
            Map.entry("isolation.level", "only committed output of the exactly-once topology is read"));

    /** Settings whose value is a file that must exist. */
    private static final List<String> FILE_SETTINGS = List.of("ssl.truststore.location", "ssl.keystore.location",
            "sasl.kerberos.keytab", "sasl.oauthbearer.ssl.truststore.location");

    private static final Set<String> KNOWN = knownSettings();

    private KafkaClientConfigFile() {
    }

    /**
     * The settings of {@code file}, in file order.
     *
     * @throws KafkaClientConfigException naming the file and line of the first problem
     */
    public static Map<String, String> load(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new KafkaClientConfigException("cannot read the Kafka client config " + file + ": " + e.getMessage()
                    + " (give a readable properties file, or leave the setting out)");
        }
        return parse(file.toString(), lines);
    }

    /** Pure: the settings in {@code lines}; {@code source} names the file in errors. */
    public static Map<String, String> parse(String source, List<String> lines) {
        Map<String, String> settings = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith("!")) {
                continue;
            }
            String where = source + " line " + (i + 1) + ": ";
            if (line.endsWith("\\")) {
                throw new KafkaClientConfigException(where + "line continuations are not read here: put the whole"
                        + " value on one line");
            }
            int separator = line.indexOf('=');
            if (separator <= 0) {
                // Not the line itself: it may hold a password.
                throw new KafkaClientConfigException(where + "expected key=value");
            }
            String key = line.substring(0, separator).strip();
            String value = line.substring(separator + 1).strip();
            check(where, key, value);
            if (settings.put(key, value) != null) {
                throw new KafkaClientConfigException(where + key + " is set twice");
            }
        }
        return masked(settings);
    }

    /**
     * The same settings, unmodifiable, printing secret values (Kafka's password-type settings,
     * {@code sasl.jaas.config}, anything named like a password) as {@code [hidden]}, so a
     * configuration that is logged or printed does not leak them.
     */
    public static Map<String, String> masked(Map<String, String> settings) {
        return settings instanceof MaskedSettings already ? already : new MaskedSettings(settings);
    }

    static boolean isSecret(String key) {
        return SECRETS.contains(key) || key.endsWith(".password") || key.endsWith("jaas.config");
    }

    private static final Set<String> SECRETS = secretSettings();

    private static Set<String> secretSettings() {
        Set<String> names = new TreeSet<>();
        for (ConfigDef def : List.of(ProducerConfig.configDef(), ConsumerConfig.configDef(), AdminClientConfig.configDef())) {
            def.configKeys().forEach((name, key) -> {
                if (key.type == ConfigDef.Type.PASSWORD) {
                    names.add(name);
                }
            });
        }
        return Set.copyOf(names);
    }

    /** An unmodifiable copy whose {@code toString} hides secret values. */
    private static final class MaskedSettings extends AbstractMap<String, String> {
        private final Map<String, String> settings;

        MaskedSettings(Map<String, String> settings) {
            this.settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings));
        }

        @Override
        public Set<Entry<String, String>> entrySet() {
            return settings.entrySet();
        }

        @Override
        public String toString() {
            StringJoiner out = new StringJoiner(", ", "{", "}");
            settings.forEach((key, value) -> out.add(key + "=" + (isSecret(key) ? "[hidden]" : value)));
            return out.toString();
        }
    }

    private static void check(String where, String key, String value) {
        String reason = MANAGED.get(key);
        if (reason != null) {
            throw new KafkaClientConfigException(where + key + " cannot be set here: " + reason);
        }
        if (!KNOWN.contains(key)) {
            throw new KafkaClientConfigException(where + "'" + key + "' is not a Kafka client setting (producer, "
                    + "consumer or admin); check the spelling against https://kafka.apache.org/documentation/#configuration");
        }
        if (value.isEmpty()) {
            throw new KafkaClientConfigException(where + key + " has no value");
        }
        if (FILE_SETTINGS.contains(key) && !Files.isReadable(Path.of(value))) {
            throw new KafkaClientConfigException(where + key + " names " + value + ", which is not a readable file");
        }
    }

    private static Set<String> knownSettings() {
        Set<String> names = new TreeSet<>();
        names.addAll(ProducerConfig.configNames());
        names.addAll(ConsumerConfig.configNames());
        names.addAll(AdminClientConfig.configNames());
        return Set.copyOf(names);
    }
}
