package io.pmtuwatch.stream.sink;

/**
 * Names of the indices the sink writes. The index templates match {@code pmtu-<kind>*}, so a suffix
 * (tests, blue/green re-indexing) keeps the same mappings.
 */
public record SinkIndices(String diagnoses, String mtuDrops, String anomalies, String links, String paths) {

    public static SinkIndices standard() {
        return withSuffix("");
    }

    public static SinkIndices withSuffix(String suffix) {
        return new SinkIndices("pmtu-diagnoses" + suffix, "pmtu-mtu-drops" + suffix, "pmtu-anomalies" + suffix,
                "pmtu-links" + suffix, "pmtu-paths" + suffix);
    }
}
