package io.pmtuwatch.settings;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class EnvNamesTest {

    @Test
    void derivesTheVariableFromTheKey() {
        assertThat(EnvNames.of("kafka.bootstrap.servers")).isEqualTo("PMTU_KAFKA_BOOTSTRAP_SERVERS");
        assertThat(EnvNames.of("anomaly.pmtu-drop.min-bytes")).isEqualTo("PMTU_ANOMALY_PMTU_DROP_MIN_BYTES");
    }

    @Test
    void theNewNameWinsOverThePreviousOne() {
        Map<String, String> env = Map.of("PMTU_KAFKA_BOOTSTRAP_SERVERS", "new:9092", "KAFKA_BOOTSTRAP_SERVERS", "old:9092");

        assertThat(EnvNames.lookup(env, "kafka.bootstrap.servers")).isEqualTo("new:9092");
    }

    @Test
    void thePreviousNameStillWorks() {
        assertThat(EnvNames.lookup(Map.of("KAFKA_BOOTSTRAP_SERVERS", "old:9092"), "kafka.bootstrap.servers"))
                .isEqualTo("old:9092");
        assertThat(EnvNames.lookup(Map.of("ELASTICSEARCH_URL", "http://es:9200"), "elasticsearch.url"))
                .isEqualTo("http://es:9200");
    }

    @Test
    void unsetOrBlankIsNull() {
        assertThat(EnvNames.lookup(Map.of("PMTU_RUN_TIMEOUT", " "), "run.timeout")).isNull();
        assertThat(EnvNames.lookup(Map.of(), "kafka.bootstrap.servers")).isNull();
    }
}
