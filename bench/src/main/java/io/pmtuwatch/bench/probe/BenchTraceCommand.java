package io.pmtuwatch.bench.probe;

import io.pmtuwatch.diagnosis.DiagnosisContext;
import io.pmtuwatch.diagnosis.PathDiagnoser;
import io.pmtuwatch.lab.ChainSpec;
import io.pmtuwatch.lab.EcmpLab;
import io.pmtuwatch.lab.Family;
import io.pmtuwatch.lab.Lab;
import io.pmtuwatch.lab.Topologies;
import io.pmtuwatch.probe.trace.AddressText;
import io.pmtuwatch.probe.trace.PathTracer;
import io.pmtuwatch.probe.trace.TraceIdentity;
import io.pmtuwatch.probe.trace.TraceObservations;
import io.pmtuwatch.probe.trace.TraceRun;
import io.pmtuwatch.probe.trace.TraceSettings;
import io.pmtuwatch.schemas.Agent;
import io.pmtuwatch.schemas.PathDiagnosis;
import io.pmtuwatch.schemas.Transport;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Benchmark (root): builds lab topologies and runs our tracer, tracepath and scamper on each, IPv4
 * and IPv6, printing probes on the wire and wall time (median of the runs) and whether the PMTU is
 * right. Our tracer runs in process (no JVM start in its time); the others are processes.
 */
@Command(name = "bench-trace", mixinStandardHelpOptions = true,
        description = "Benchmark the tracer against tracepath and scamper on lab topologies (root).")
public final class BenchTraceCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--runs", defaultValue = "5", description = "Runs per tool and case (median). Default: ${DEFAULT-VALUE}.")
    int runs;

    @Option(names = "--slow-runs", defaultValue = "1",
            description = "Runs of tracepath/scamper on black holes (each takes a minute or more). Default: ${DEFAULT-VALUE}.")
    int slowRuns;

    @Option(names = "--tools", split = ",", defaultValue = "ours,tracepath,scamper",
            description = "Tools to run. Default: ${DEFAULT-VALUE}.")
    List<String> tools;

    @Option(names = "--pause-ms", defaultValue = "1100",
            description = "Pause between runs so the routers' ICMP rate limits (about 1/s per peer after a burst) refill "
                    + "and no tool pays for the one before. Default: ${DEFAULT-VALUE}.")
    long pauseMillis;

    @Option(names = "--timeout", defaultValue = "150", description = "Seconds before an external tool is stopped.")
    long timeoutSeconds;

    @Option(names = "--ecmp", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Also the ECMP case: two equal-cost members, one across a 1400 link (IPv4). Default: on.")
    boolean ecmp;

    @Option(names = "--tcp-only", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = {"Also the TCP-only target (UDP and echo dropped at the server) behind a 1400 link and behind"
                    + " a black hole: ours with UDP alone, ours (UDP then TCP), ours with --tcp, tracepath, scamper"
                    + " with TCP SYNs. Default: on."})
    boolean tcpOnly;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        List<ChainSpec> topologies = List.of(Topologies.clean(), Topologies.mtu1400(), Topologies.blackHole());
        out.printf("%-16s %-4s %-10s %8s %12s %6s %s%n", "case", "ip", "tool", "probes", "wall ms", "pmtu", "right");
        out.flush();
        for (ChainSpec topology : topologies) {
            try (Lab lab = Lab.build(topology)) {
                ProbeCounter counter = new ProbeCounter(lab);
                for (Family family : Family.values()) {
                    boolean slow = lab.truth().blackHole(family).isPresent();
                    String address = lab.truth().serverAddress(family);
                    for (String tool : tools) {
                        List<ToolRun> results = new ArrayList<>();
                        int n = tool.equals("ours") || !slow ? runs : slowRuns;
                        if (n < 1) {
                            continue;
                        }
                        for (int i = 0; i < n; i++) {
                            Thread.sleep(pauseMillis);
                            LearnedPmtu.forget(command -> lab.exec(0, command));
                            results.add(tool.equals("ours") ? ours(lab, family, counter)
                                    : ExternalTool.valueOf(tool.toUpperCase(java.util.Locale.ROOT))
                                            .run(lab.agentNamespace(), address, family == Family.V6, counter, timeoutSeconds));
                        }
                        ToolRun median = median(results);
                        out.printf("%-16s %-4s %-10s %8d %12.1f %6s %s%n", topology.name(),
                                family == Family.V4 ? "v4" : "v6", tool, median.probes(), median.wallMillis(),
                                median.pmtu() == null ? "-" : median.pmtu(), median.verdict(lab.truth().pmtu()));
                        out.flush();
                    }
                }
            }
        }
        if (ecmp) {
            ecmpRows(out);
        }
        if (tcpOnly) {
            tcpOnlyRows(out);
        }
        return 0;
    }

    /**
     * The TCP-only target: our UDP trace alone reaches nothing there, the default falls back to TCP,
     * {@code --tcp} starts with it. Packets counted include our kernel's RST after each SYN-ACK.
     */
    private void tcpOnlyRows(PrintWriter out) throws Exception {
        for (ChainSpec topology : Topologies.tcpOnly()) {
            try (Lab lab = Lab.build(topology)) {
                ProbeCounter counter = new ProbeCounter(lab);
                int port = lab.truth().tcpPort();
                Map<String, TraceSettings> ours = new LinkedHashMap<>();
                ours.put("ours-udp", TraceSettings.defaults());
                ours.put("ours", TraceSettings.defaults().withTcpFallback(port));
                ours.put("ours-tcp", TraceSettings.defaults().withTcp(port));
                for (Family family : Family.values()) {
                    String address = lab.truth().serverAddress(family);
                    boolean slow = lab.truth().blackHole(family).isPresent();
                    for (String tool : tools) {
                        List<Map.Entry<String, TraceSettings>> variants = tool.equals("ours")
                                ? List.copyOf(ours.entrySet()) : List.of(Map.entry(tool, TraceSettings.defaults()));
                        for (Map.Entry<String, TraceSettings> variant : variants) {
                            int n = tool.equals("ours") || !slow ? runs : slowRuns;
                            List<ToolRun> results = new ArrayList<>();
                            for (int i = 0; i < n; i++) {
                                Thread.sleep(pauseMillis);
                                LearnedPmtu.forget(command -> lab.exec(0, command));
                                results.add(tool.equals("ours") ? ours(lab, family, counter, variant.getValue())
                                        : external(tool, lab, family, port, counter));
                            }
                            if (results.isEmpty()) {
                                continue;
                            }
                            ToolRun median = median(results);
                            out.printf("%-16s %-4s %-10s %8d %12.1f %6s %s%n", topology.name(),
                                    family == Family.V4 ? "v4" : "v6",
                                    tool.equals("scamper") ? "scamper-tcp" : variant.getKey(), median.probes(),
                                    median.wallMillis(), median.pmtu() == null ? "-" : median.pmtu(),
                                    median.verdict(lab.truth().pmtu()));
                            out.flush();
                        }
                    }
                }
            }
        }
    }

    private ToolRun external(String tool, Lab lab, Family family, int port, ProbeCounter counter) throws Exception {
        ExternalTool external = tool.equals("scamper") ? ExternalTool.SCAMPER_TCP
                : ExternalTool.valueOf(tool.toUpperCase(java.util.Locale.ROOT));
        return external.run(lab.agentNamespace(), lab.truth().serverAddress(family), family == Family.V6, port,
                counter, timeoutSeconds);
    }

    /** Ours with the default flows and with the lab test's, then the others, on the ECMP lab. */
    private void ecmpRows(PrintWriter out) throws Exception {
        try (EcmpLab lab = EcmpLab.build(false)) {
            ProbeCounter counter = new ProbeCounter(lab::execInAgent);
            Map<String, TraceSettings> ours = new LinkedHashMap<>();
            ours.put("ours", TraceSettings.defaults());
            ours.put("ours-24/8", TraceSettings.defaults().withFlows(24, 8));
            for (String tool : tools) {
                List<Map.Entry<String, TraceSettings>> variants = tool.equals("ours") ? List.copyOf(ours.entrySet())
                        : List.of(Map.entry(tool, TraceSettings.defaults()));
                for (Map.Entry<String, TraceSettings> variant : variants) {
                    List<ToolRun> results = new ArrayList<>();
                    for (int i = 0; i < runs; i++) {
                        Thread.sleep(pauseMillis);
                        LearnedPmtu.forget(lab::execInAgent);
                        results.add(tool.equals("ours") ? oursEcmp(lab, variant.getValue(), counter)
                                : ExternalTool.valueOf(tool.toUpperCase(java.util.Locale.ROOT))
                                        .run(lab.agentNamespace(), EcmpLab.SERVER, false, counter, timeoutSeconds));
                    }
                    ToolRun median = median(results);
                    out.printf("%-16s %-4s %-10s %8d %12.1f %6s %s%n", "ecmp-1400-member", "v4", variant.getKey(),
                            median.probes(), median.wallMillis(), median.pmtu() == null ? "-" : median.pmtu(),
                            median.verdict(EcmpLab.NARROW_MTU));
                    out.flush();
                }
            }
        }
    }

    private static ToolRun oursEcmp(EcmpLab lab, TraceSettings settings, ProbeCounter counter) throws Exception {
        InetAddress target = InetAddress.getByName(EcmpLab.SERVER);
        counter.reset();
        long start = System.nanoTime();
        TraceRun run = lab.agent().call(() -> new PathTracer(settings).trace(target));
        double wall = (System.nanoTime() - start) / 1e6;
        TraceIdentity identity = new TraceIdentity(Agent.newBuilder().setId("bench").build(), AddressText.of(target),
                target, 443, Transport.TCP);
        PathDiagnosis d = new PathDiagnoser().diagnose(TraceObservations.of(run, identity, "bench"), Optional.empty(),
                DiagnosisContext.completeRun());
        return new ToolRun(counter.read(), wall, d.getPmtu());
    }

    private ToolRun ours(Lab lab, Family family, ProbeCounter counter) throws Exception {
        return ours(lab, family, counter, TraceSettings.defaults());
    }

    private ToolRun ours(Lab lab, Family family, ProbeCounter counter, TraceSettings settings) throws Exception {
        InetAddress target = InetAddress.getByName(lab.truth().serverAddress(family));
        counter.reset();
        long start = System.nanoTime();
        TraceRun run = lab.agent().call(() -> new PathTracer(settings).trace(target));
        double wall = (System.nanoTime() - start) / 1e6;
        TraceIdentity identity = new TraceIdentity(Agent.newBuilder().setId("bench").build(), AddressText.of(target),
                target, lab.truth().tcpPort(), Transport.TCP);
        PathDiagnosis d = new PathDiagnoser().diagnose(TraceObservations.of(run, identity, "bench"), Optional.empty(),
                DiagnosisContext.completeRun());
        return new ToolRun(counter.read(), wall, d.getPmtu());
    }

    /** Median by wall time (probes of the same run, so the row is one real run). */
    private static ToolRun median(List<ToolRun> runs) {
        List<ToolRun> sorted = new ArrayList<>(runs);
        sorted.sort(Comparator.comparingDouble(ToolRun::wallMillis));
        return sorted.get(sorted.size() / 2);
    }
}
