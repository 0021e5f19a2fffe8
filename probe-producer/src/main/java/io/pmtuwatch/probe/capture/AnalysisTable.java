package io.pmtuwatch.probe.capture;

import io.pmtuwatch.probe.capture.AnalysisReport.FindingView;
import io.pmtuwatch.probe.capture.AnalysisReport.FlowView;
import io.pmtuwatch.probe.capture.AnalysisReport.RouterView;
import java.io.PrintWriter;
import java.util.List;
import java.util.stream.Collectors;

/** The human form of an {@link AnalysisReport}: counts, a per-flow table, a per-router table, findings. Pure. */
public final class AnalysisTable {

    private AnalysisTable() {
    }

    public static void print(AnalysisReport r, PrintWriter out) {
        AnalysisReport.Counts c = r.counts();
        out.printf("%s  (%s)%n", r.file(), r.linkType());
        out.printf("frames %d  decoded %d  not IP %d  malformed %d  snaplen-cut %d  fragments v4 %d v6 %d"
                        + " (reassembled %d)%n", c.frames(), c.decoded(), c.notIp(), c.malformed(), c.snaplenCutFrames(),
                r.summary().ipv4Fragments(), r.summary().ipv6Fragments(), c.reassembledDatagrams());
        if (!c.encapsulations().isEmpty()) {
            out.println("encapsulations " + c.encapsulations());
        }
        out.printf("SYN MSS %s   SYN-ACK MSS %s%n", r.summary().synMss(), r.summary().synAckMss());
        out.printf("frag-needed %d %s   packet-too-big %d %s%n", r.summary().fragNeededCount(),
                r.summary().fragNeededMtus(), r.summary().ptb6Count(), r.summary().ptb6Mtus());
        out.println();
        flows(r.flows(), out);
        routers(r.routers(), out);
        if (!r.notes().isEmpty()) {
            out.println("Notes");
            r.notes().forEach(n -> out.println("  - " + n));
        }
        if (r.damage() != null) {
            out.printf("%nDAMAGED: read %d frames, then the record at byte offset %d could not be read: %s%n",
                    r.damage().framesRead(), r.damage().offset(), r.damage().message());
        }
        out.flush();
    }

    private static void flows(List<FlowView> flows, PrintWriter out) {
        if (flows.isEmpty()) {
            out.println("No handshakes and no PTBs.");
            return;
        }
        String format = "%-44s %-44s %4s %7s %7s %6s %6s %-16s %-8s%n";
        out.printf(format, "client", "server", "v", "MSS>", "MSS<", "eff", "PMTU", "PTBs", "status");
        for (FlowView f : flows) {
            String ptbs = f.ptbs().isEmpty() ? "-" : f.ptbs().stream()
                    .map(p -> p.mtu() + (p.valid() ? "" : "!") + "@" + p.router())
                    .distinct().collect(Collectors.joining(","));
            out.printf(format, f.client(), f.server(), f.protocol() + f.ipVersion(), text(f.mssSent()),
                    text(f.mssReceived()), text(f.effectiveMss()), text(f.pmtu()), ptbs,
                    f.status() == null ? "-" : f.status());
            for (FindingView finding : f.findings()) {
                if (!"OK".equals(finding.code())) {
                    out.printf("    %s %s: %s%n", finding.severity(), finding.code(), finding.message());
                    if (finding.fix() != null) {
                        out.printf("      fix: %s%n", finding.fix());
                    }
                }
            }
            f.notes().forEach(n -> out.println("    note: " + n));
        }
        out.println("(MSS> in the SYN, MSS< in the SYN-ACK; '!' marks an ignored PTB)");
        out.println();
    }

    private static void routers(List<RouterView> routers, PrintWriter out) {
        if (routers.isEmpty()) {
            return;
        }
        out.printf("%-40s %8s %-12s %6s %8s  %s%n", "router", "messages", "MTUs", "valid", "ignored", "flows");
        for (RouterView r : routers) {
            out.printf("%-40s %8d %-12s %6d %8d  %s%n", r.address(), r.messages(), r.mtus(), r.valid(), r.invalid(),
                    String.join("; ", r.flows()));
        }
        out.println();
    }

    private static String text(Integer value) {
        return value == null ? "-" : value.toString();
    }
}
