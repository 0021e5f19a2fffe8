package io.pmtuwatch.probe.cli;

import io.pmtuwatch.probe.clamp.ClampObservations;
import io.pmtuwatch.probe.clamp.ClampVerdict;
import io.pmtuwatch.probe.clamp.Tracebox;
import io.pmtuwatch.probe.netns.NetnsOption;
import io.pmtuwatch.probe.returnpath.ReturnPathSettings;
import io.pmtuwatch.probe.returnpath.ReturnPathTest;
import io.pmtuwatch.probe.returnpath.ReturnRequest;
import io.pmtuwatch.settings.PortNumber;
import java.time.Duration;

import io.pmtuwatch.diagnosis.DiagnosisContext;
import io.pmtuwatch.diagnosis.PathDiagnoser;
import io.pmtuwatch.probe.socket.SocketException;
import io.pmtuwatch.probe.socket.TcpSynSocket;
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
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * One-shot diagnosis of one path for a person at a terminal: the TCP handshake (MSS), the per-hop
 * PMTU trace with black-hole search, and the verdict of the same diagnosis the stream processor uses.
 */
@Command(name = "trace", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Trace the path MTU to TARGET hop by hop: MTU drops, black holes, MSS, diagnosis.",
                "Finds where the MTU drops and PMTU black holes, measures the TCP MSS on --port, and prints",
                "the diagnosis.",
                "Probes are UDP (unprivileged), ICMP echo where UDP is filtered. A target that answers",
                "neither (a server that answers TCP only) is traced again with TCP SYNs to --port;",
                "--tcp PORT probes with TCP from the start. TCP probes need root or CAP_NET_RAW.",
                "Exit status: 0 nothing worse than info, 1 findings, 2 error."})
public final class TraceCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "TARGET", description = "Host name or address to trace to.")
    String target;

    @Option(names = "--port", paramLabel = "N", defaultValue = "443", converter = PortNumber.class,
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

    @Option(names = "--tcp", paramLabel = "PORT", converter = PortNumber.class,
            description = {"Probe with TCP SYNs to PORT (DF, padded to the probe size; the target's SYN-ACK or RST"
                    + " says it was reached) instead of UDP. Needs root or CAP_NET_RAW (raw socket)."})
    Integer tcpPort;

    @Option(names = "--no-tcp-fallback",
            description = "Do not trace again with TCP SYNs to --port when the target answers no UDP or ICMP echo.")
    boolean noTcpFallback;

    @Option(names = "--flows", paramLabel = "N", defaultValue = "" + TraceSettings.DEFAULT_FLOWS,
            description = "ECMP: at most N flows (source ports) per run, each walked like Paris traceroute when it"
                    + " shows another equal-cost member; 1 = one flow. Default: ${DEFAULT-VALUE}.")
    int flows;

    @Option(names = "--quiet-flows", paramLabel = "N", defaultValue = "" + TraceSettings.DEFAULT_QUIET_FLOWS,
            description = {"ECMP: stop exploring after N flows in a row showed nothing new (one probe each).",
                    "Default: ${DEFAULT-VALUE}."})
    int quietFlows;

    @Option(names = "--no-mss", description = "Skip the TCP handshake (MSS not measured).")
    boolean noMss;

    @Option(names = "--locate-clamp",
            description = "Also find where the MSS is rewritten on the path (TTL-limited SYNs, the tracebox method; root).")
    boolean locateClamp;

    @Option(names = "--return-path", paramLabel = "auto|http|tls", arity = "0..1", fallbackValue = "auto",
            description = {"Also test the return direction (target -> us) on --port: ask for an answer of several"
                    + " full-size segments (HTTP GET on HTTP ports, TLS ClientHello on TLS ports; auto picks by"
                    + " well-known port), see whether they arrive, and when they stall send the target a"
                    + " packet-too-big to tell a black hole from a target that ignores PMTUD.",
                    "Segment sizes and the packet-too-big need root or CAP_NET_RAW; without them only a stalled"
                    + " HTTP answer is seen. Costs one more connection and about 1-3 s."})
    String returnPath;

    @Option(names = "--http-path", paramLabel = "PATH", defaultValue = "/",
            description = "Path of the return-path test's HTTP GET (pick a page of a few kB or more). Default: /.")
    String httpPath;

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
        if (returnPath != null && noMss) {
            err.println("trace: --return-path rides on the handshake's run; drop --no-mss");
            return ExitCodes.ERROR;
        }
        ReturnRequest returnRequest = null;
        if (returnPath != null) {
            try {
                returnRequest = ReturnRequest.parse(returnPath);
            } catch (IllegalArgumentException e) {
                err.println("trace: --return-path: " + e.getMessage());
                return ExitCodes.ERROR;
            }
            if (returnRequest.forPort(port).isEmpty() && returnRequest != ReturnRequest.OFF) {
                err.println("trace: --return-path: port " + port + " is neither a well-known HTTP nor TLS port;"
                        + " say --return-path=http or --return-path=tls");
                return ExitCodes.ERROR;
            }
        }
        this.returnRequest = returnRequest;
        if (tcpPort != null && (tcpPort < 1 || tcpPort > 65_535)) {
            err.println("trace: --tcp: port " + tcpPort + " is out of range (1-65535)");
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
            if (e.getMessage().startsWith(TcpSynSocket.NEEDS_CAP_NET_RAW)) {
                err.println("trace: --tcp: " + e.getMessage());
                return ExitCodes.ERROR;
            }
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

    private ReturnRequest returnRequest;

    private Outcome measure() throws Exception {
        InetAddress address = TargetResolver.resolve(target, ipv4, ipv6);
        TraceIdentity identity = new TraceIdentity(Agent.newBuilder().setId(agentId).build(), target, address, port,
                Transport.TCP, netns.name());
        String runId = TraceObservations.newRunId();
        // Handshake first: the trace teaches our kernel the PMTU, which would shrink our own SYN's MSS.
        Optional<HandshakeObservation> handshake = noMss ? Optional.empty() : mssProbe.measure(identity, runId);
        // The return path next, still before the trace: its SYN must advertise the full MSS too.
        if (returnRequest != null && handshake.isPresent()) {
            handshake = Optional.of(ReturnPathTest.attach(handshake.get(), returnRequest,
                    ReturnPathSettings.defaults().withHttpPath(httpPath), address, port, target));
        }
        TraceRun run = new PathTracer(settings()).trace(address);
        List<HopObservation> observations = TraceObservations.of(run, identity, runId);
        if (locateClamp && handshake.isPresent()) {
            ClampVerdict clamp = new Tracebox(CLAMP_MAX_TTL, CLAMP_WAIT).locate(address, port);
            handshake = handshake.map(h -> ClampObservations.withClamp(h, clamp));
        }
        return new Outcome(run, verdict(observations, handshake));
    }

    /** UDP with the TCP fallback to --port, or TCP from the start with --tcp. */
    private TraceSettings settings() {
        TraceSettings udp = TraceSettings.defaults().withUdpPort(udpPort).withFlows(flows, quietFlows);
        if (tcpPort != null) {
            return udp.withTcp(tcpPort);
        }
        return noTcpFallback ? udp : udp.withTcpFallback(port);
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
