package io.pmtuwatch.stream.it;

import io.pmtuwatch.embedded.KafkaHarness;
import io.pmtuwatch.stream.config.RawConfig;
import io.pmtuwatch.stream.config.Settings;
import java.nio.file.Path;

/**
 * A processor configuration of its own on the shared test broker: an application id and topics no
 * other test uses (a fresh suffix), its own state directory. Tests add what they are about.
 */
final class IsolatedConfig {

    private IsolatedConfig() {
    }

    static RawConfig on(KafkaHarness kafka, String name, Path stateDir, int partitions) {
        String suffix = Long.toString(System.nanoTime(), 36);
        return RawConfig.empty()
                .with(Settings.BOOTSTRAP_SERVERS, kafka.bootstrapServers())
                .with(Settings.APPLICATION_ID, name + "-" + suffix)
                .with(Settings.STATE_DIR, stateDir.toString())
                .with(Settings.PARTITIONS, Integer.toString(partitions))
                .with(Settings.HOP_TOPIC, "hops." + suffix)
                .with(Settings.HANDSHAKE_TOPIC, "handshakes." + suffix)
                .with(Settings.DIAGNOSES_TOPIC, "diagnoses." + suffix)
                .with(Settings.ANOMALIES_TOPIC, "anomalies." + suffix)
                .with(Settings.LINKS_TOPIC, "links." + suffix)
                .with(Settings.DEAD_LETTER_TOPIC, "dead." + suffix);
    }
}
