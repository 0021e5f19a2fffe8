package io.pmtuwatch.schemas.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaClientConfigFileTest {

    @Test
    void readsSecuritySettingsInFileOrderSkippingComments() {
        Map<String, String> settings = KafkaClientConfigFile.parse("client.properties", List.of(
                "# SASL over TLS",
                "security.protocol = SASL_SSL",
                "! also a comment",
                "",
                "sasl.mechanism=SCRAM-SHA-512",
                "sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username=\"a\" password=\"p=q\";",
                "linger.ms=20"));

        assertThat(settings).containsExactly(
                Map.entry("security.protocol", "SASL_SSL"),
                Map.entry("sasl.mechanism", "SCRAM-SHA-512"),
                Map.entry("sasl.jaas.config",
                        "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"a\" password=\"p=q\";"),
                Map.entry("linger.ms", "20"));
    }

    @Test
    void printedSettingsHideSecrets() {
        Map<String, String> settings = KafkaClientConfigFile.parse("c", List.of("security.protocol=SASL_SSL",
                "sasl.jaas.config=x required username=\"u\" password=\"hunter2\";", "ssl.truststore.password=s3cret"));

        assertThat(settings.toString()).contains("security.protocol=SASL_SSL").contains("sasl.jaas.config=[hidden]")
                .contains("ssl.truststore.password=[hidden]").doesNotContain("hunter2").doesNotContain("s3cret");
        assertThat(settings.get("ssl.truststore.password")).isEqualTo("s3cret");
    }

    @Test
    void aTypoNamesTheLine() {
        assertThatThrownBy(() -> KafkaClientConfigFile.parse("client.properties",
                List.of("security.protocol=SSL", "ssl.truststore.locaton=/etc/ts.jks")))
                .isInstanceOf(KafkaClientConfigException.class)
                .hasMessageStartingWith("client.properties line 2: 'ssl.truststore.locaton' is not a Kafka client setting");
    }

    @Test
    void settingsPmtuWatchManagesAreRefusedWithTheReason() {
        assertThatThrownBy(() -> KafkaClientConfigFile.parse("c", List.of("acks=1")))
                .hasMessage("c line 1: acks cannot be set here: observations must not be lost or doubled by retries");
        assertThatThrownBy(() -> KafkaClientConfigFile.parse("c", List.of("bootstrap.servers=x:9092")))
                .hasMessageContaining("--bootstrap-servers");
    }

    @Test
    void malformedAndDuplicateLinesAreRefused() {
        assertThatThrownBy(() -> KafkaClientConfigFile.parse("c", List.of("ssl.key.password: hunter2")))
                .hasMessage("c line 1: expected key=value").hasMessageNotContaining("hunter2");
        assertThatThrownBy(() -> KafkaClientConfigFile.parse("c", List.of(
                "sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required \\",
                "  username=\"a\" password=\"b\";")))
                .hasMessageStartingWith("c line 1: line continuations are not read here");
        assertThatThrownBy(() -> KafkaClientConfigFile.parse("c", List.of("linger.ms=1", "linger.ms=2")))
                .hasMessage("c line 2: linger.ms is set twice");
        assertThatThrownBy(() -> KafkaClientConfigFile.parse("c", List.of("linger.ms=")))
                .hasMessage("c line 1: linger.ms has no value");
    }

    @Test
    void aTrustStoreThatIsNotThereIsRefused(@TempDir Path dir) throws Exception {
        Path store = Files.writeString(dir.resolve("ts.p12"), "x");
        assertThat(KafkaClientConfigFile.parse("c", List.of("ssl.truststore.location=" + store)))
                .containsEntry("ssl.truststore.location", store.toString());
        assertThatThrownBy(() -> KafkaClientConfigFile.parse("c", List.of("ssl.truststore.location=" + dir.resolve("no.p12"))))
                .hasMessageContaining("which is not a readable file");
    }

    @Test
    void anUnreadableFileSaysWhatToDo(@TempDir Path dir) {
        assertThatThrownBy(() -> KafkaClientConfigFile.load(dir.resolve("missing.properties")))
                .isInstanceOf(KafkaClientConfigException.class)
                .hasMessageContaining("missing.properties")
                .hasMessageContaining("give a readable properties file");
    }
}
