package io.pmtuwatch.probe.cli;

import io.pmtuwatch.probe.returnpath.ReturnPathReport;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pmtuwatch.probe.trace.TraceRun;
import io.pmtuwatch.schemas.BlackHole;
import io.pmtuwatch.schemas.DiagnosedHop;
import io.pmtuwatch.schemas.EcmpMember;
import io.pmtuwatch.schemas.Finding;
import io.pmtuwatch.schemas.MssSummary;
import io.pmtuwatch.schemas.MtuDrop;
import io.pmtuwatch.schemas.PathDiagnosis;
import java.util.Locale;

/** The {@code trace --json} document: the verdict of the diagnosis plus what the run cost. Pure. */
final class TraceReport {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private TraceReport() {
    }

    static ObjectNode json(PathDiagnosis d, TraceRun run, String host) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("target", host);
        root.put("address", d.getTarget().getAddress());
        root.put("ip_version", d.getTarget().getIpVersion() == io.pmtuwatch.schemas.IpVersion.IPV6 ? 6 : 4);
        putInt(root, "pmtu", d.getPmtu());
        root.put("pmtu_source", d.getPmtuSource().name());
        putInt(root, "local_mtu", d.getLocalMtu());
        ArrayNode hops = root.putArray("hops");
        for (DiagnosedHop h : d.getHops()) {
            ObjectNode n = hops.addObject();
            n.put("ttl", h.getTtl());
            putText(n, "address", h.getAddress());
            if (h.getRttMicros() == null) {
                n.putNull("rtt_ms");
            } else {
                n.put("rtt_ms", h.getRttMicros() / 1000.0);
            }
            putInt(n, "pmtu", h.getPathMtu());
            n.put("outcome", h.getOutcome().name());
        }
        ArrayNode drops = root.putArray("mtu_drops");
        for (MtuDrop drop : d.getMtuDrops()) {
            ObjectNode n = drops.addObject();
            n.put("router", drop.getRouter());
            putInt(n, "router_ttl", drop.getRouterTtl());
            putText(n, "next_hop", drop.getNextHop());
            putInt(n, "from_mtu", drop.getFromMtu());
            n.put("to_mtu", drop.getToMtu());
            n.put("likely_cause", drop.getLikelyCause());
        }
        ObjectNode hole = root.putObject("black_hole");
        BlackHole b = d.getBlackHole();
        hole.put("detected", b != null && b.getDetected());
        putInt(hole, "last_responding_ttl", b == null ? null : b.getLastRespondingTtl());
        putText(hole, "router", b == null ? null : b.getRouter());
        putInt(hole, "first_silent_ttl", b == null ? null : b.getFirstSilentTtl());
        putInt(hole, "largest_ok", b == null ? null : b.getLargestOk());
        putInt(hole, "smallest_lost", b == null ? null : b.getSmallestLost());
        ObjectNode mss = root.putObject("mss");
        MssSummary m = d.getMss();
        putInt(mss, "sent", m.getSent());
        putInt(mss, "received", m.getReceived());
        putInt(mss, "effective", m.getEffective());
        putInt(mss, "probe_syn", m.getProbeSyn());
        putText(mss, "method", m.getMethod() == null ? "NOT_MEASURED" : m.getMethod().name());
        ArrayNode members = root.putArray("ecmp_members");
        for (EcmpMember member : d.getEcmpMembers()) {
            ObjectNode n = members.addObject();
            n.put("flow", member.getFlow());
            putInt(n, "source_port", member.getSourcePort());
            ArrayNode flowList = n.putArray("flows");
            member.getFlows().forEach(flowList::add);
            putInt(n, "pmtu", member.getPmtu());
            putText(n, "limiting_router", member.getLimitingRouter());
            ArrayNode hopList = n.putArray("hops");
            member.getHops().forEach(hopList::add);
        }
        root.put("flows", run.probes().stream().mapToInt(p -> p.flow()).max().orElse(0) + 1);
        if (d.getReturnPath() != null) {
            ReturnPathReport.json(d.getReturnPath(), root.putObject("return_path"));
        }
        ArrayNode findings = root.putArray("findings");
        for (Finding f : d.getFindings()) {
            ObjectNode n = findings.addObject();
            n.put("code", f.getCode().name());
            n.put("severity", f.getSeverity().name());
            n.put("message", f.getMessage());
            putText(n, "fix", f.getFix());
            putText(n, "hop", f.getHop());
        }
        root.put("status", d.getStatus().name());
        root.put("invalid_ptb_count", d.getInvalidPtbCount());
        root.put("probes_sent", run.probesSent());
        root.put("elapsed_ms", Math.round(run.elapsedNanos() / 1e4) / 100.0);
        root.put("method", run.probes().stream().map(p -> p.method().name()).distinct()
                .reduce((a, c) -> a + "+" + c).orElse("NONE").toLowerCase(Locale.ROOT));
        root.put("probe_method", d.getProbeMethod().name());
        ArrayNode notes = root.putArray("notes");
        run.notes().forEach(notes::add);
        if (!d.getComplete() && d.getIncompleteReason() != null) {
            root.put("incomplete_reason", d.getIncompleteReason());
        }
        return root;
    }

    static String pretty(ObjectNode node) {
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(node);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void putInt(ObjectNode n, String field, Integer value) {
        if (value == null) {
            n.putNull(field);
        } else {
            n.put(field, value);
        }
    }

    private static void putText(ObjectNode n, String field, String value) {
        if (value == null) {
            n.putNull(field);
        } else {
            n.put(field, value);
        }
    }
}
