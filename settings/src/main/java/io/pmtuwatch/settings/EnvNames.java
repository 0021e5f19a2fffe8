package io.pmtuwatch.settings;

import java.util.Locale;
import java.util.Map;

/**
 * The one naming rule: a setting is named by a lower-case dotted key ({@code kafka.bootstrap.servers},
 * {@code run.timeout}), written as it is in config files; its environment variable is {@code PMTU_}
 * and the key in upper case with dots and hyphens as underscores ({@code PMTU_KAFKA_BOOTSTRAP_SERVERS}).
 */
public final class EnvNames {

    /** Environment variables of the previous release, by the setting key that replaces them. */
    private static final Map<String, String> LEGACY = Map.ofEntries(
            Map.entry("kafka.bootstrap.servers", "KAFKA_BOOTSTRAP_SERVERS"),
            Map.entry("topic.hop-observations", "PMTU_HOP_TOPIC"),
            Map.entry("topic.handshake-observations", "PMTU_HANDSHAKE_TOPIC"),
            Map.entry("elasticsearch.url", "ELASTICSEARCH_URL"),
            Map.entry("elasticsearch.api-key", "ELASTICSEARCH_API_KEY"),
            Map.entry("elasticsearch.username", "ELASTICSEARCH_USERNAME"),
            Map.entry("elasticsearch.password", "ELASTICSEARCH_PASSWORD"),
            Map.entry("elasticsearch.ca-file", "ELASTICSEARCH_CA_FILE"),
            Map.entry("kibana.url", "KIBANA_URL"),
            Map.entry("kibana.space", "KIBANA_SPACE"));

    private EnvNames() {
    }

    /** {@code kafka.bootstrap.servers} -> {@code PMTU_KAFKA_BOOTSTRAP_SERVERS}. */
    public static String of(String key) {
        return "PMTU_" + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    /** The previous release's variable of {@code key}, or null. */
    public static String legacy(String key) {
        return LEGACY.get(key);
    }

    /**
     * The value of {@code key}'s environment variable; failing that, of its previous name (with a
     * deprecation warning); null when neither is set to something not blank.
     */
    public static String lookup(Map<String, String> env, String key) {
        String value = env.get(of(key));
        if (value != null && !value.isBlank()) {
            return value;
        }
        String old = legacy(key);
        String legacyValue = old == null ? null : env.get(old);
        if (legacyValue != null && !legacyValue.isBlank()) {
            Deprecations.warn(key, "environment variable " + old, of(key));
            return legacyValue;
        }
        return null;
    }

    /** Warns about every previous-release variable set in {@code env} (for apps whose options read them directly). */
    public static void warnAboutLegacy(Map<String, String> env) {
        LEGACY.forEach((key, old) -> {
            if (env.containsKey(old)) {
                Deprecations.warn(key, "environment variable " + old, of(key));
            }
        });
    }
}
