package io.pmtuwatch.testsupport;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.ArrayList;
import java.util.List;

/**
 * The boundaries every module keeps, as ArchUnit rules over its production classes: packages form
 * no cycle, and a package called {@code internals} stays behind the public API.
 */
public final class ArchitectureRules {

    private ArchitectureRules() {
    }

    /** The production classes (no tests) under {@code rootPackage}. */
    public static JavaClasses productionClasses(String rootPackage) {
        return new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(rootPackage);
    }

    /** The packages right under {@code rootPackage} (each with its subpackages) depend on each other without cycles. */
    public static ArchRule noPackageCycles(String rootPackage) {
        return slices().matching(rootPackage + ".(*)..").should().beFreeOfCycles();
    }

    /**
     * Public methods of public classes outside {@code ..internals..} neither take nor return a type
     * from an {@code internals} package: callers never need to reach into one.
     */
    public static ArchRule publicApiHidesInternals() {
        return methods().that().arePublic().and().areDeclaredInClassesThat().arePublic()
                .and().areDeclaredInClassesThat().resideOutsideOfPackage("..internals..")
                .should(new ArchCondition<JavaMethod>("use no type from an internals package in its signature") {
                    @Override
                    public void check(JavaMethod method, ConditionEvents events) {
                        List<JavaClass> types = new ArrayList<>(method.getRawParameterTypes());
                        types.add(method.getRawReturnType());
                        for (JavaClass type : types) {
                            if (type.getPackageName().contains(".internals")) {
                                events.add(SimpleConditionEvent.violated(method,
                                        method.getFullName() + " exposes " + type.getName()));
                            }
                        }
                    }
                });
    }

    /**
     * No class of a shipped module lives in a {@code bench} or {@code lab} package: benchmarks and
     * namespace labs belong to their own modules, so an operator's jar carries none of them.
     */
    public static ArchRule noBenchOrLabCode() {
        return noClasses().should().resideInAnyPackage("..bench..", "..lab..")
                .because("benchmarks and labs live in the bench and lab modules, not in what ships");
    }
}
