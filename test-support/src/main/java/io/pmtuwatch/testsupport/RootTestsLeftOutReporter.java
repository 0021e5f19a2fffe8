package io.pmtuwatch.testsupport;

import io.pmtuwatch.embedded.BuildConsole;
import io.pmtuwatch.embedded.CurrentUser;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Ends a non-root test run with one line on the build console saying how many root-only tests
 * ({@link RequiresRoot}) were left out, so a green build cannot be mistaken for a full one.
 *
 * <p>Registered through {@code META-INF/services/org.junit.platform.launcher.LauncherSessionListener},
 * so every module with test-support on its test class path gets it. A session is what Surefire runs
 * per test JVM; the line comes when it closes, once, after all test classes. It attaches a
 * {@link RootTestsTally} to the session's launcher, which then sees both the discovery request and the
 * execution events. As root it does nothing: nothing is left out.
 */
public final class RootTestsLeftOutReporter implements LauncherSessionListener {

    private final BooleanSupplier isRoot;
    private final Consumer<String> console;
    private final Map<LauncherSession, RootTestsTally> tallies = new ConcurrentHashMap<>();

    public RootTestsLeftOutReporter() {
        this(CurrentUser::isRoot, BuildConsole::println);
    }

    RootTestsLeftOutReporter(BooleanSupplier isRoot, Consumer<String> console) {
        this.isRoot = isRoot;
        this.console = console;
    }

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        if (isRoot.getAsBoolean()) {
            return;
        }
        RootTestsTally tally = new RootTestsTally();
        session.getLauncher().registerLauncherDiscoveryListeners(tally);
        session.getLauncher().registerTestExecutionListeners(tally);
        tallies.put(session, tally);
    }

    @Override
    public void launcherSessionClosed(LauncherSession session) {
        RootTestsTally tally = tallies.remove(session);
        int leftOut = tally == null ? 0 : tally.leftOut();
        if (leftOut > 0) {
            console.accept(message(leftOut));
        }
    }

    static String message(int leftOut) {
        return leftOut + (leftOut == 1 ? " test tagged '" + RequiresRoot.TAG + "' was" : " tests tagged '"
                + RequiresRoot.TAG + "' were") + " left out (not root: network namespaces and packet capture"
                + " need root; run as root to include them)";
    }
}
