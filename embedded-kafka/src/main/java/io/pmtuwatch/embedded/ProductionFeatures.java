package io.pmtuwatch.embedded;

import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.kafka.metadata.bootstrap.BootstrapMetadata;
import org.apache.kafka.server.common.Feature;
import org.apache.kafka.server.common.MetadataVersion;

/**
 * The feature levels a real Kafka 4 cluster starts with: {@code kafka-storage format}, which Kafka's
 * own scripts and images run, sets the latest production metadata version and every production feature
 * at its default level for it (transaction.version 2 among them). Kafka's test kit bootstraps the
 * metadata version alone, which leaves transactions at version 0: exactly-once tests would then run a
 * protocol no deployment runs (KIP-890's CONCURRENT_TRANSACTIONS race between two transactions of one
 * producer exists only at version 2).
 */
final class ProductionFeatures {

    private ProductionFeatures() {
    }

    /** Bootstrap metadata as {@code kafka-storage format} without feature options writes it. */
    static BootstrapMetadata bootstrap() {
        MetadataVersion release = MetadataVersion.latestProduction();
        return BootstrapMetadata.fromVersions(release, levels(release), "pmtu-watch test harness");
    }

    /** Each production feature's default level at this metadata version (kraft.version is the quorum's own). */
    static Map<String, Short> levels(MetadataVersion release) {
        Map<String, Short> levels = new LinkedHashMap<>();
        levels.put(MetadataVersion.FEATURE_NAME, release.featureLevel());
        for (Feature feature : Feature.PRODUCTION_FEATURES) {
            if (feature != Feature.KRAFT_VERSION) {
                levels.put(feature.featureName(), feature.defaultLevel(release));
            }
        }
        return levels;
    }
}
