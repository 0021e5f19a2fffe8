package io.pmtuwatch.probe.capture;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every capture in ../shared/captures (licensed or not) against its MANIFEST.tsv row. Skipped, with a
 * message, where the directory does not exist (a user's fresh clone); CI has it.
 */
class SharedCapturesTest {

    static List<ManifestRow> rows() throws Exception {
        if (!SharedCaptures.present()) {
            return List.of(); // the test below then reports the skip
        }
        return ManifestRow.read(SharedCaptures.directory());
    }

    @ParameterizedTest(name = "{0}", allowZeroInvocations = true)
    @MethodSource("rows")
    void reportsTheManifestFigures(ManifestRow row) throws Exception {
        ManifestChecks.check(row);
    }

    @org.junit.jupiter.api.Test
    void sharedCapturesArePresent() {
        assumeTrue(SharedCaptures.present(), () -> "shared captures not found at " + SharedCaptures.directory()
                + " (system property " + SharedCaptures.PROPERTY + "): the manifest tests over them did not run");
    }
}
