package io.pmtuwatch.testsupport;

import io.pmtuwatch.embedded.HarnessStartException;
import io.pmtuwatch.embedded.ScratchDirectories;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * The official Elasticsearch distribution zip from Maven Central
 * ({@code org.elasticsearch.distribution.integ-test-zip:elasticsearch:<version>:zip}) on this machine.
 *
 * <p>test-support declares the zip as a dependency, so every build that uses test-support has it in
 * the local Maven repository. Where to look, first match wins: the system property
 * {@value #ZIP_PROPERTY}; the path the build of this jar resolved (recorded in
 * {@code elasticsearch-distribution.properties}); the local repository ({@code maven.repo.local} or
 * {@code ~/.m2/repository}).
 */
final class ElasticsearchDistribution {

    static final String ZIP_PROPERTY = "pmtuwatch.elasticsearch.zip";

    private static final String BUILD_INFO = "elasticsearch-distribution.properties";

    private final String version;
    private final Path zip;

    private ElasticsearchDistribution(String version, Path zip) {
        this.version = version;
        this.zip = zip;
    }

    String version() {
        return version;
    }

    /** Finds the zip, or explains where it looked and how to get it. */
    static ElasticsearchDistribution locate() {
        Properties build = buildInfo();
        String version = build.getProperty("version");
        String explicit = System.getProperty(ZIP_PROPERTY);
        if (explicit != null && !explicit.isBlank()) {
            Path zip = Path.of(explicit);
            if (!Files.isRegularFile(zip)) {
                throw new HarnessStartException("Elasticsearch for tests cannot start: -D" + ZIP_PROPERTY + "="
                        + explicit + " names no file. Point it at an elasticsearch-<version>.zip, or leave it out"
                        + " to use elasticsearch-" + version + ".zip from the local Maven repository.");
            }
            return new ElasticsearchDistribution(versionOf(zip, version), zip);
        }
        List<Path> candidates = new ArrayList<>();
        String resolvedByBuild = build.getProperty("zip", "");
        if (!resolvedByBuild.isBlank() && !resolvedByBuild.startsWith("${")) {
            candidates.add(Path.of(resolvedByBuild));
        }
        candidates.add(localRepository().resolve("org/elasticsearch/distribution/integ-test-zip/elasticsearch")
                .resolve(version).resolve("elasticsearch-" + version + ".zip"));
        for (Path candidate : candidates) {
            if (Files.isRegularFile(candidate)) {
                return new ElasticsearchDistribution(version, candidate);
            }
        }
        throw new HarnessStartException("Elasticsearch for tests cannot start: the " + version + " distribution"
                + " zip is not on this machine (looked at " + candidates + "). Fetch it with"
                + " `mvn -pl test-support -am install` (a dependency of test-support, downloaded from Maven"
                + " Central), or pass -D" + ZIP_PROPERTY + "=/path/to/elasticsearch-" + version + ".zip.");
    }

    /**
     * The Elasticsearch home directory, unpacked on first use below
     * {@code ${java.io.tmpdir}/pmtuwatch-<user>/elasticsearch-dist/}: a place that the unprivileged
     * account running the server can read (root's home usually is not).
     */
    Path home() {
        Path unpacked = UnpackedZipCache.unpackOnce(zip, ScratchDirectories.userRoot().resolve("elasticsearch-dist"));
        // The zip holds one top-level directory, elasticsearch-<version>: that is the home.
        try (Stream<Path> children = Files.list(unpacked)) {
            return children.filter(p -> Files.isRegularFile(p.resolve("bin/elasticsearch")))
                    .findFirst()
                    .orElseThrow(() -> new HarnessStartException(
                            "Elasticsearch for tests cannot start: " + zip + " holds no bin/elasticsearch."));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String versionOf(Path zip, String fallback) {
        String name = zip.getFileName().toString();
        return name.matches("elasticsearch-.+\\.zip")
                ? name.substring("elasticsearch-".length(), name.length() - ".zip".length())
                : fallback;
    }

    private static Path localRepository() {
        String configured = System.getProperty("maven.repo.local");
        return configured != null && !configured.isBlank() ? Path.of(configured)
                : Path.of(System.getProperty("user.home"), ".m2", "repository");
    }

    private static Properties buildInfo() {
        Properties properties = new Properties();
        try (InputStream in = ElasticsearchDistribution.class.getResourceAsStream(BUILD_INFO)) {
            if (in == null) {
                throw new IllegalStateException(BUILD_INFO + " is missing from test-support: a broken build");
            }
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }
}
