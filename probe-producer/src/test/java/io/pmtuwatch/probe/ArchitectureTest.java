package io.pmtuwatch.probe;

import com.tngtech.archunit.core.domain.JavaClasses;
import io.pmtuwatch.testsupport.ArchitectureRules;
import org.junit.jupiter.api.Test;

/** The agent's packages form no cycle and its public API shows no internals. */
class ArchitectureTest {

    private static final JavaClasses CLASSES = ArchitectureRules.productionClasses("io.pmtuwatch.probe");

    @Test
    void packagesFormNoCycle() {
        ArchitectureRules.noPackageCycles("io.pmtuwatch.probe").check(CLASSES);
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
