package io.pmtuwatch.probe.clamp;

import io.pmtuwatch.schemas.Finding;
import io.pmtuwatch.schemas.FindingCode;
import io.pmtuwatch.schemas.Severity;
import java.util.ArrayList;
import java.util.List;

/**
 * MSS_CLAMPED findings from a {@link ClampVerdict}, in the contract's {@link Finding} shape (the
 * diagnosis module does not emit this code: it needs the TTL-limited SYNs only the probe sends).
 * Pure. A clamp is informational when it leaves a normal MSS and a warning when it forces one below
 * the seed's undersized-MSS threshold (1380 IPv4 / 1220 IPv6).
 */
public final class ClampFindings {

    private ClampFindings() {
    }

    public static List<Finding> of(ClampVerdict verdict, int ipVersion) {
        int undersized = ipVersion == 6 ? 1220 : 1380;
        int headers = ipVersion == 6 ? 60 : 40;
        List<Finding> findings = new ArrayList<>();
        for (ClampChange c : verdict.changes()) {
            String where = c.exact() ? (c.router() != null ? "router " + c.router() + " (hop " + c.firstTtl() + ")"
                    : "this host") : "a router between hop " + Math.max(1, c.firstTtl()) + " and hop " + c.lastTtl();
            String after = c.after() == null ? "removes the option" : "rewrites it to " + c.after();
            boolean small = c.after() != null && c.after() < undersized;
            findings.add(Finding.newBuilder()
                    .setCode(FindingCode.MSS_CLAMPED)
                    .setSeverity(small ? Severity.WARNING : Severity.INFO)
                    .setMessage("The MSS option of SYNs is changed on the way: " + where + " receives MSS " + c.before()
                            + " and " + after + (c.after() == null ? "" : " (room for " + (c.after() + headers)
                            + "-byte packets)") + ".")
                    .setFix(small ? "If the path MTU allows more, raise the clamp at " + where + " to path MTU - "
                            + headers + " (iptables TCPMSS --set-mss / --clamp-mss-to-pmtu, ip tcp adjust-mss)."
                            : null)
                    .setHop(c.exact() ? c.router() : null)
                    .build());
        }
        return findings;
    }
}
