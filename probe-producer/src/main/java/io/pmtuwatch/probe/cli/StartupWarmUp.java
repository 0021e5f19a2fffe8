package io.pmtuwatch.probe.cli;

import io.pmtuwatch.schemas.Agent;
import io.pmtuwatch.schemas.BlackHole;
import io.pmtuwatch.schemas.DiagnosedHop;
import io.pmtuwatch.schemas.Finding;
import io.pmtuwatch.schemas.FindingCode;
import io.pmtuwatch.schemas.HandshakeObservation;
import io.pmtuwatch.schemas.HandshakeOutcome;
import io.pmtuwatch.schemas.HopObservation;
import io.pmtuwatch.schemas.HopOutcome;
import io.pmtuwatch.schemas.IpVersion;
import io.pmtuwatch.schemas.MssMethod;
import io.pmtuwatch.schemas.MssSummary;
import io.pmtuwatch.schemas.MtuDrop;
import io.pmtuwatch.schemas.Origin;
import io.pmtuwatch.schemas.PathDiagnosis;
import io.pmtuwatch.schemas.PmtuSource;
import io.pmtuwatch.schemas.ProbeMethod;
import io.pmtuwatch.schemas.ProbePhase;
import io.pmtuwatch.schemas.Severity;
import io.pmtuwatch.schemas.Target;
import io.pmtuwatch.schemas.Transport;
import java.util.List;

/**
 * Start-up of a one-shot trace (and of analyze's report): the class initialisation it will need, done on a second thread while
 * the main one parses the command line and sets up logging. The observations and the verdict are Avro
 * records, and the first of them initialises Avro and Jackson and each parses its schema: about a
 * quarter of a healthy trace's CPU, on the main thread's path before any probe. Only order changes: the
 * main thread uses each class as before, and waits (the JVM's class initialisation lock) for one still
 * being initialised here. These initialisers need only Avro, Jackson, SLF4J and the JDK, never a class
 * the main thread could be initialising while it waits, so the two never wait for each other in a cycle.
 * JNA is left out: its initialisers (Native, Pointer, Structure) reach one another, the shape of a
 * class-initialisation deadlock between two threads.
 */
final class StartupWarmUp {

    /** In the order the trace first uses them, so the main thread rarely overtakes the warm-up. */
    static final List<Class<?>> CLASSES = List.of(Agent.class, Transport.class, Target.class, IpVersion.class,
            HopObservation.class, Origin.class, ProbePhase.class, ProbeMethod.class, HopOutcome.class,
            HandshakeObservation.class, HandshakeOutcome.class, MssMethod.class, PathDiagnosis.class,
            DiagnosedHop.class, BlackHole.class, PmtuSource.class, MtuDrop.class, Finding.class, FindingCode.class,
            Severity.class, MssSummary.class);

    private StartupWarmUp() {
    }

    /**
     * Starts the warm-up when {@code args} run a trace or an analyze (whose report diagnoses each flow with
     * the same records, after reading the file: the warm-up runs while it reads); a daemon thread: the
     * command never waits for it to end.
     */
    static void startFor(String[] args) {
        // -Dpmtu.warm-up=false: to time a command without it.
        if (args.length < 2 || !("trace".equals(args[0]) || "analyze".equals(args[0]))
                || "false".equals(System.getProperty("pmtu.warm-up"))) {
            return; // help, version and the other commands do not use these, or run long enough not to care
        }
        if ("analyze".equals(args[0])) {
            // Logging set up first, here: analyze sets it up anyway (its reader logs), and a warm-up
            // logging while another thread sets it up has SLF4J print a replay warning on stderr. A trace
            // sets it up in parallel instead (its start-up is what the warm-up is for).
            org.slf4j.LoggerFactory.getILoggerFactory();
        }
        Thread thread = new Thread(StartupWarmUp::initialise, "startup-warm-up");
        thread.setDaemon(true);
        thread.start();
    }

    static void initialise() {
        for (Class<?> c : CLASSES) {
            try {
                Class.forName(c.getName(), true, c.getClassLoader());
            } catch (Throwable e) {
                // The main thread meets the same failure where it uses the class, and reports it there.
                return;
            }
        }
    }
}
