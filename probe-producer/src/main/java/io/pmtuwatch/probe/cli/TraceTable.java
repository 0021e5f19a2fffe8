package io.pmtuwatch.probe.cli;

import io.pmtuwatch.probe.returnpath.ReturnPathReport;

import io.pmtuwatch.probe.trace.TraceRun;
import io.pmtuwatch.schemas.BlackHole;
import io.pmtuwatch.schemas.DiagnosedHop;
import io.pmtuwatch.schemas.EcmpMember;
import io.pmtuwatch.schemas.Finding;
import io.pmtuwatch.schemas.MssSummary;
import io.pmtuwatch.schemas.MtuDrop;
import io.pmtuwatch.schemas.PathDiagnosis;
import io.pmtuwatch.schemas.ProbeMethod;
import java.util.Objects;
import java.util.Optional;

/** The human {@code trace} output: a tracepath-like hop table with the MTU per hop, drops marked, MSS and verdict. Pure. */
final class TraceTable {

    private TraceTable() {
    }

    static String render(PathDiagnosis d, TraceRun run, String host) {
        StringBuilder out = new StringBuilder();
        out.append(String.format("trace to %s (%s), local MTU %s, %s%n", host, d.getTarget().getAddress(),
                text(d.getLocalMtu()), probes(d.getProbeMethod())));
        out.append(String.format(" %3s  %-40s %10s  %6s  %s%n", "ttl", "address", "rtt", "pmtu", ""));
        BlackHole hole = d.getBlackHole();
        for (DiagnosedHop h : d.getHops()) {
            String rtt = h.getRttMicros() == null ? "*" : String.format("%.3fms", h.getRttMicros() / 1000.0);
            String mark = dropAt(d, h).map(drop -> "<== MTU " + text(drop.getFromMtu()) + " -> " + drop.getToMtu()
                    + " after this hop (" + drop.getLikelyCause() + ")").orElse("");
            if (hole != null && hole.getDetected() && Objects.equals(hole.getLastRespondingTtl(), h.getTtl())) {
                mark = "<== BLACK HOLE: packets > " + hole.getLargestOk() + " die after this hop, no ICMP";
            }
            out.append(String.format(" %3d  %-40s %10s  %6s  %s%n", h.getTtl(),
                    h.getAddress() == null ? "*" : h.getAddress(), rtt, text(h.getPathMtu()), mark));
        }
        out.append(String.format("PMTU %s (%s)%n", text(d.getPmtu()), d.getPmtuSource()));
        for (EcmpMember member : d.getEcmpMembers()) {
            out.append(String.format("ECMP member of flow %d (source port %s, %d flow(s)): PMTU %s%s, hops %s%n",
                    member.getFlow(), text(member.getSourcePort()), member.getFlows().size(), text(member.getPmtu()),
                    member.getLimitingRouter() == null ? "" : " at " + member.getLimitingRouter(),
                    String.join(" ", member.getHops().stream().map(h -> h == null ? "*" : h).toList())));
        }
        MssSummary m = d.getMss();
        if (m.getMethod() == null) {
            out.append("MSS  not measured\n");
        } else {
            out.append(String.format("MSS  sent %s, received %s, effective %s (%s)%n", text(m.getSent()),
                    text(m.getReceived()), text(m.getEffective()), m.getMethod()));
            if (m.getProbeSyn() != null) {
                out.append(String.format("     (this host's own SYN carried %d: its route cache had already learned a"
                        + " smaller path MTU; 'sent' is what a host with the interface MTU advertises)%n",
                        m.getProbeSyn()));
            }
        }
        if (d.getReturnPath() != null) {
            out.append(ReturnPathReport.lines(d.getReturnPath()));
        }
        if (d.getInvalidPtbCount() > 0) {
            out.append(String.format("Ignored %d invalid packet-too-big messages (forged, stale or impossible)%n",
                    d.getInvalidPtbCount()));
        }
        out.append(String.format("Verdict: %s%n", d.getStatus()));
        for (Finding f : d.getFindings()) {
            out.append(String.format(" [%s] %s: %s%n", f.getSeverity(), f.getCode(), f.getMessage()));
            if (f.getFix() != null) {
                out.append(String.format("     fix: %s%n", f.getFix()));
            }
        }
        out.append(String.format("%d probes, %.1f ms%s%n", run.probesSent(), run.elapsedNanos() / 1e6,
                run.notes().isEmpty() ? "" : "; " + String.join("; ", run.notes())));
        return out.toString();
    }

    /** Which protocol measured the path, in words. */
    private static String probes(ProbeMethod method) {
        return switch (method) {
            case UDP -> "UDP probes";
            case ICMP_ECHO -> "ICMP echo probes";
            case TCP_SYN -> "TCP SYN probes";
            default -> "probes of unknown kind";
        };
    }

    private static Optional<MtuDrop> dropAt(PathDiagnosis d, DiagnosedHop h) {
        return d.getMtuDrops().stream().filter(drop -> Objects.equals(drop.getRouterTtl(), h.getTtl())).findFirst();
    }

    private static String text(Integer value) {
        return value == null ? "?" : value.toString();
    }
}
