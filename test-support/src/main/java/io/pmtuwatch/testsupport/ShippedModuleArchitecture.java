package io.pmtuwatch.testsupport;

import com.tngtech.archunit.core.domain.JavaClasses;
import org.junit.jupiter.api.Test;

/**
 * The boundaries every shipped module keeps, as one set of tests: a module's test extends this with its
 * root package. Packages form no cycle, the public API shows no internals, and no bench or lab code ships.
 */
public abstract class ShippedModuleArchitecture {

    private final String rootPackage;
    private final JavaClasses classes;

    protected ShippedModuleArchitecture(String rootPackage) {
        this.rootPackage = rootPackage;
        this.classes = ArchitectureRules.productionClasses(rootPackage);
    }

    @Test
    void packagesFormNoCycle() {
        ArchitectureRules.noPackageCycles(rootPackage).check(classes);
    }

    @Test
    void publicApiUsesNoInternalsType() {
        ArchitectureRules.publicApiHidesInternals().check(classes);
    }

    @Test
    void shipsNoBenchOrLabCode() {
        ArchitectureRules.noBenchOrLabCode().check(classes);
    }
}
