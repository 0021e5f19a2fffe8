package io.pmtuwatch.testsupport;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a test class or method that needs root: network namespaces, veth links, iptables, packet
 * capture.
 *
 * <p>It carries the tag {@value #TAG}, which the parent POM excludes for non-root users (profile
 * {@code not-root}); outside Maven (an IDE) {@link RootCondition} disables such tests with a reason
 * instead of letting them fail. Either way the run ends with one line that says how many were left out
 * ({@link RootTestsLeftOutReporter}). CI runs as root and runs them all.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@Tag(RequiresRoot.TAG)
@ExtendWith(RootCondition.class)
public @interface RequiresRoot {

    /** The JUnit tag of root-only tests, as used by {@code excludedGroups} in the parent POM. */
    String TAG = "root";
}
