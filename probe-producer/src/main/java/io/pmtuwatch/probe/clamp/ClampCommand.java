package io.pmtuwatch.probe.clamp;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.pmtuwatch.probe.netns.NetnsOption;
import io.pmtuwatch.probe.trace.AddressText;
import io.pmtuwatch.schemas.Finding;
import io.pmtuwatch.settings.PortNumber;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code clamp TARGET}: where on the path the MSS option of SYNs is rewritten (tracebox method). */
@Command(name = "clamp", mixinStandardHelpOptions = true,
        description = {"Sends one TCP SYN per TTL to TARGET:PORT and compares the MSS option each router quotes back"
                + " in its time-exceeded message: the first hop that shows another value is where the clamp sits.",
                "Needs root (raw socket, packet capture). Exit status: 0 no clamp, 1 clamp found, 2 error."})
public final class ClampCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "TARGET", description = "Host name or address.")
    String target;

    @Option(names = "--port", paramLabel = "N", defaultValue = "443", converter = PortNumber.class, description = "TCP port (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "-6", description = "Use IPv6.")
    boolean ipv6;

    @Option(names = "--max-ttl", paramLabel = "N", defaultValue = "16", description = "Last TTL (default: ${DEFAULT-VALUE}).")
    int maxTtl;

    @Mixin
    NetnsOption netns;

    @Option(names = "--json", description = "Print one JSON document.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        InetAddress address = resolve();
        Callable<ClampVerdict> work = () -> new Tracebox(maxTtl, Duration.ofSeconds(2)).locate(address, port);
        ClampVerdict verdict;
        try {
            verdict = netns.call(work);
        } catch (java.io.IOException e) {
            err.println("clamp: " + e.getMessage());
            return 2;
        }
        List<Finding> findings = ClampFindings.of(verdict, address.getAddress().length == 16 ? 6 : 4);
        if (json) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("target", AddressText.of(address));
            doc.put("port", port);
            doc.put("verdict", verdict);
            doc.put("findings", findings.stream().map(f -> Map.of("code", f.getCode().name(), "severity",
                    f.getSeverity().name(), "message", f.getMessage(), "fix", String.valueOf(f.getFix()), "hop",
                    String.valueOf(f.getHop()))).toList());
            out.println(new ObjectMapper().writeValueAsString(doc));
        } else {
            out.printf("%-4s %-40s %-14s %s%n", "ttl", "responder", "answer", "MSS in quote");
            for (HopQuote hop : verdict.hops()) {
                if (hop.kind() == HopQuote.Kind.NONE && verdict.reachedTtl() != null && hop.ttl() > verdict.reachedTtl()) {
                    break;
                }
                out.printf("%-4d %-40s %-14s %s%n", hop.ttl(), hop.responder() == null ? "*" : hop.responder(),
                        hop.kind(), hop.kind() == HopQuote.Kind.NONE ? "" : hop.mssVisible()
                                ? String.valueOf(hop.quotedMss()) : "quote too short to tell");
            }
            out.println("sent MSS " + verdict.sentMss() + ": " + verdict.conclusion());
            findings.forEach(f -> out.println(f.getSeverity() + " MSS_CLAMPED: " + f.getMessage()));
        }
        out.flush();
        return verdict.clampFound() ? 1 : 0;
    }

    private InetAddress resolve() throws java.net.UnknownHostException {
        for (InetAddress candidate : InetAddress.getAllByName(target)) {
            if ((candidate.getAddress().length == 16) == ipv6) {
                return candidate;
            }
        }
        return InetAddress.getByName(target);
    }
}
