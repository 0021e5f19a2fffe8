package io.pmtuwatch.testsupport;

import java.util.HashSet;
import java.util.Set;

import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.discovery.ClassNameFilter;
import org.junit.platform.engine.discovery.PackageNameFilter;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryListener;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TagFilter;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;
import org.junit.platform.launcher.core.LauncherConfig;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * Counts, over one launcher session, the test methods tagged {@value RequiresRoot#TAG} that were
 * selected but never started.
 *
 * <p>Tests removed by a tag filter ({@code excludedGroups}) do not appear in the test plan at all, so
 * they cannot be counted from execution events. Instead, after each execution the same selection
 * (selectors and class/package name filters of the discovery request) is discovered again with only
 * the root tag included; whatever of that never started was left out, be it filtered or disabled.
 */
final class RootTestsTally implements LauncherDiscoveryListener, TestExecutionListener {

    private final Set<String> rootTests = new HashSet<>();
    private final Set<String> started = new HashSet<>();
    private LauncherDiscoveryRequest lastRequest;

    @Override
    public synchronized void launcherDiscoveryStarted(LauncherDiscoveryRequest request) {
        lastRequest = request; // the discovery that builds the plan about to be executed
    }

    @Override
    public synchronized void executionStarted(TestIdentifier test) {
        if (isTestMethod(test)) {
            started.add(test.getUniqueId());
        }
    }

    @Override
    public synchronized void testPlanExecutionFinished(TestPlan plan) {
        if (lastRequest != null) {
            rootTests.addAll(rootTaggedTestMethods(lastRequest));
        }
    }

    synchronized int leftOut() {
        Set<String> notStarted = new HashSet<>(rootTests);
        notStarted.removeAll(started);
        return notStarted.size();
    }

    private static Set<String> rootTaggedTestMethods(LauncherDiscoveryRequest request) {
        LauncherDiscoveryRequest rootOnly = LauncherDiscoveryRequestBuilder.request()
                .selectors(request.getSelectorsByType(DiscoverySelector.class))
                .filters(request.getFiltersByType(ClassNameFilter.class).toArray(ClassNameFilter[]::new))
                .filters(request.getFiltersByType(PackageNameFilter.class).toArray(PackageNameFilter[]::new))
                .filters(TagFilter.includeTags(RequiresRoot.TAG))
                .build();
        TestPlan plan = quietLauncher().discover(rootOnly);
        Set<String> ids = new HashSet<>();
        for (TestIdentifier root : plan.getRoots()) {
            for (TestIdentifier test : plan.getDescendants(root)) {
                if (isTestMethod(test)) {
                    ids.add(test.getUniqueId());
                }
            }
        }
        return ids;
    }

    /** Methods, not invocations: a parameterized test counts once, as a person would count it. */
    private static boolean isTestMethod(TestIdentifier test) {
        return test.getSource().filter(MethodSource.class::isInstance).isPresent();
    }

    /** A launcher without the listeners found on the class path: this discovery must not count itself. */
    private static Launcher quietLauncher() {
        return LauncherFactory.create(LauncherConfig.builder()
                .enableLauncherSessionListenerAutoRegistration(false)
                .enableLauncherDiscoveryListenerAutoRegistration(false)
                .enableTestExecutionListenerAutoRegistration(false)
                .enablePostDiscoveryFilterAutoRegistration(false)
                .build());
    }
}
