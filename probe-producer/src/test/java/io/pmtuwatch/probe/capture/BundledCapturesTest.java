package io.pmtuwatch.probe.capture;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The captures copied into the test resources (those whose licence allows it, see NOTICE there):
 * every figure of their manifest rows is what {@code analyze --json} reports. Runs everywhere.
 */
class BundledCapturesTest {

    static Path directory() throws URISyntaxException {
        return Path.of(Objects.requireNonNull(BundledCapturesTest.class.getResource("/captures/MANIFEST.tsv"))
                .toURI()).getParent();
    }

    static List<ManifestRow> rows() throws Exception {
        return ManifestRow.read(directory());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void reportsTheManifestFigures(ManifestRow row) throws Exception {
        ManifestChecks.check(row);
    }
}
