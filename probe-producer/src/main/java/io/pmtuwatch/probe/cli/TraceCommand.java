package io.pmtuwatch.probe.cli;

import io.pmtuwatch.probe.clamp.ClampObservations;
import io.pmtuwatch.probe.clamp.ClampVerdict;
import io.pmtuwatch.probe.clamp.Tracebox;
import io.pmtuwatch.probe.netns.NetnsOption;
import java.time.Duration;

import io.pmtuwatch.diagnosis.DiagnosisContext;
import io.pmtuwatch.diagnosis.PathDiagnoser;
import io.pmtuwatch.probe.socket.SocketException;
import io.pmtuwatch.probe.trace.PathTracer;
import io.pmtuwatch.probe.trace.TraceIdentity;
import io.pmtuwatch.probe.trace.TraceObservations;
import io.pmtuwatch.probe.trace.TraceRun;
import io.pmtuwatch.probe.trace.TraceSettings;
import io.pmtuwatch.schemas.Agent;
import io.pmtuwatch.schemas.HandshakeObservation;
import io.pmtuwatch.schemas.HopObservation;
import io.pmtuwatch.schemas.PathDiagnosis;
import io.pmtuwatch.schemas.Severity;
import io.pmtuwatch.schemas.Transport;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * One-shot diagnosis of one path for a person at a terminal: the TCP handshake (MSS), the per-hop
 * PMTU trace with black-hole search, and the verdict of the same diagnosis the stream processor uses.
 */
@Command(name = "trace", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Trace the path MTU to TARGET hop by hop, find MTU drops and PMTU black holes,",
                "measure the TCP MSS on --port, and print the diagnosis.",
                "Exit status: 0 nothing worse than info, 1 findings, 2 error."})
public final class TraceCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "TARGET", description = "Host name or address to trace to.")
    String target;

    @Option(names = "--port", paramLabel = "N", defaultValue = "443",
            description = "TCP port of the service (MSS handshake, path id). Default: ${DEFAULT-VALUE}.")
    int port;

    @Option(names = "-4", description = "Use IPv4.")
    boolean ipv4;

    @Option(names = "-6", description = "Use IPv6.")
    boolean ipv6;

    @Option(names = "--json", description = "Print one JSON document instead of the table.")
    boolean json;

    @Mixin
    NetnsOption netns;

    @Option(names = "--udp-port", paramLabel = "N", defaultValue = "33434",
            description = "Destination port of the UDP probes (a closed port). Default: ${DEFAULT-VALUE}.")
    int udpPort;

    @Option(names = "--no-mss", description = "Skip the TCP handshake (MSS not measured).")
    boolean noMss;

    @Option(names = "--locate-clamp",
            description = "Also find where the MSS is rewritten on the path (TTL-limited SYNs, the tracebox method; root).")
    boolean locateClamp;

    @Option(names = "--agent-id", paramLabel = "ID", defaultValue = "${env:PMTU_AGENT_ID:-local}",
            description = "Agent id for the path id. Default: $PMTU_AGENT_ID or 'local'.")
    String agentId;

    private final MssProbe mssProbe;

    public TraceCommand() {
        this(new HandshakeMssProbe());
    }

    TraceCommand(MssProbe mssProbe) {
        this.mssProbe = mssProbe;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (ipv4 && ipv6) {
            err.println("trace: -4 and -6 exclude each other");
            return ExitCodes.ERROR;
        }
        if (locateClamp && noMss) {
            err.println("trace: --locate-clamp needs the handshake; drop --no-mss");
            return ExitCodes.ERROR;
        }
        try {
            Outcome outcome = netns.call(this::measure);
            out.print(json ? TraceReport.pretty(TraceReport.json(outcome.diagnosis(), outcome.run(), target)) + "\n"
                    : TraceTable.render(outcome.diagnosis(), outcome.run(), target));
            out.flush();
            Severity status = outcome.diagnosis().getStatus();
            return status == Severity.INFO ? ExitCodes.OK : ExitCodes.FINDINGS;
        } catch (UnknownHostException e) {
            err.println("trace: unknown host: " + e.getMessage());
        } catch (SocketException e) {
            err.println("trace: cannot probe " + target + ": " + e.getMessage()
                    + (e.notPermitted() ? " (not permitted: run as root or allow it)" : ""));
        } catch (IllegalArgumentException e) {
            err.println("trace: " + e.getMessage());
        } catch (Exception e) {
            err.println("trace: " + e);
        }
        return ExitCodes.ERROR;
    }

    private static final int CLAMP_MAX_TTL = 30;
    private static final Duration CLAMP_WAIT = Duration.ofSeconds(2);

    private record Outcome(TraceRun run, PathDiagnosis diagnosis) {
    }

    private Outcome measure() throws Exception {
        InetAddress address = TargetResolver.resolve(target, ipv4, ipv6);
        TraceIdentity identity = new TraceIdentity(Agent.newBuilder().setId(agentId).build(), target, address, port,
                Transport.TCP, netns.name());
        String runId = TraceObservations.newRunId();
        // Handshake first: the trace teaches our kernel the PMTU, which would shrink our own SYN's MSS.
        Optional<HandshakeObservation> handshake = noMss ? Optional.empty() : mssProbe.measure(identity, runId);
        TraceRun run = new PathTracer(TraceSettings.defaults().withUdpPort(udpPort)).trace(address);
        List<HopObservation> observations = TraceObservations.of(run, identity, runId);
        if (locateClamp && handshake.isPresent()) {
            ClampVerdict clamp = new Tracebox(CLAMP_MAX_TTL, CLAMP_WAIT).locate(address, port);
            handshake = handshake.map(h -> ClampObservations.withClamp(h, clamp));
        }
        return new Outcome(run, verdict(observations, handshake));
    }

    private static final PathDiagnoser DIAGNOSER = new PathDiagnoser();

    /**
     * The trace's decision: its whole run and handshake through the diagnosis module, exactly as the
     * stream processor's topology and {@code analyze} use it (a test feeds all three the same observations).
     */
    public static PathDiagnosis verdict(List<HopObservation> hops, Optional<HandshakeObservation> handshake) {
        return DIAGNOSER.diagnose(hops, handshake, DiagnosisContext.completeRun());
    }
}
