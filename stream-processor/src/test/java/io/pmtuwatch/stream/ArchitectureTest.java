package io.pmtuwatch.stream;

import com.tngtech.archunit.core.domain.JavaClasses;
import io.pmtuwatch.testsupport.ArchitectureRules;
import org.junit.jupiter.api.Test;

/** The stream processor's packages form no cycle, its public API shows no internals, and it ships no bench or lab code. */
class ArchitectureTest {

    private static final JavaClasses CLASSES = ArchitectureRules.productionClasses("io.pmtuwatch.stream");

    @Test
    void packagesFormNoCycle() {
        ArchitectureRules.noPackageCycles("io.pmtuwatch.stream").check(CLASSES);
    }

    @Test
    void publicApiUsesNoInternalsType() {
        ArchitectureRules.publicApiHidesInternals().check(CLASSES);
    }

    @Test
    void shipsNoBenchOrLabCode() {
        ArchitectureRules.noBenchOrLabCode().check(CLASSES);
    }
}
