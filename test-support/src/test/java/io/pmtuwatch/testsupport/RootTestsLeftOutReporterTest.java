package io.pmtuwatch.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.TagFilter;
import org.junit.platform.launcher.core.LauncherConfig;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

class RootTestsLeftOutReporterTest {

    /** Stand-ins for a module's tests. Static nested classes: Surefire does not run them itself. */
    static class MixedTests {
        @Test
        void ordinary() {
        }

        @RequiresRoot
        @Test
        void buildsANamespace() {
        }

        @RequiresRoot
        @ParameterizedTest
        @ValueSource(ints = {1280, 1400})
        void capturesPackets(int mtu) {
        }
    }

    @RequiresRoot
    static class RootOnlyTests {
        @Test
        void first() {
        }

        @Test
        void second() {
        }
    }

    @Test
    void countsRootTestsThatTheTagFilterRemoved() {
        // Four methods: buildsANamespace, capturesPackets (once, not per value), first, second.
        assertThat(runAs(false)).containsExactly(
                "4 tests tagged 'root' were left out (not root: network namespaces and packet capture need root;"
                        + " run as root to include them)");
    }

    @Test
    void saysNothingWhenRunningAsRoot() {
        assertThat(runAs(true)).isEmpty();
    }

    @Test
    void speaksOfOneTestInTheSingular() {
        assertThat(RootTestsLeftOutReporter.message(1)).startsWith("1 test tagged 'root' was left out");
    }

    /** Runs the sample classes the way the parent POM's not-root profile does: tag "root" excluded. */
    private static List<String> runAs(boolean root) {
        List<String> console = new ArrayList<>();
        LauncherConfig config = LauncherConfig.builder()
                .enableLauncherSessionListenerAutoRegistration(false)
                .enableTestExecutionListenerAutoRegistration(false)
                .addLauncherSessionListeners(new RootTestsLeftOutReporter(() -> root, console::add))
                .build();
        try (LauncherSession session = LauncherFactory.openSession(config)) {
            session.getLauncher().execute(LauncherDiscoveryRequestBuilder.request()
                    .selectors(selectClass(MixedTests.class), selectClass(RootOnlyTests.class))
                    .filters(TagFilter.excludeTags(RequiresRoot.TAG))
                    .build());
        }
        return console;
    }
}
