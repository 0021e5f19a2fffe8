package io.pmtuwatch.diagnosis.internals.findings;

import static io.pmtuwatch.diagnosis.internals.findings.Findings.finding;

import io.pmtuwatch.diagnosis.IpVersionRules;
import io.pmtuwatch.diagnosis.internals.PathFacts;
import io.pmtuwatch.schemas.BlackHole;
import io.pmtuwatch.schemas.Finding;
import io.pmtuwatch.schemas.FindingCode;
import io.pmtuwatch.schemas.Severity;
import java.util.List;

/**
 * PMTUD failure (black hole): large DF packets vanish without an ICMP error, so senders never learn
 * to shrink them. CRITICAL in both versions: the packets are lost, not delayed; for IPv6 there is not
 * even fragmentation to fall back on (the seed calls it "a world of pain").
 */
public final class PmtudFailureRule implements FindingRule {

    @Override
    public List<Finding> apply(PathFacts facts) {
        if (!facts.blackHoleDetected()) {
            return List.of();
        }
        BlackHole hole = facts.blackHole().orElseThrow();
        IpVersionRules rules = facts.rules();
        StringBuilder message = new StringBuilder("PMTU discovery fails: packets of ").append(hole.getLargestOk())
                .append(" bytes reach the target but ").append(hole.getSmallestLost())
                .append("-byte packets vanish with no ").append(rules.ptbMessage).append(" coming back (black hole)");
        String router = hole.getRouter();
        if (router != null) {
            message.append("; oversized probes are still answered by ").append(router).append(" (TTL ")
                    .append(hole.getLastRespondingTtl()).append(") and die on the link after it");
        } else if (hole.getFirstSilentTtl() != null) {
            message.append("; oversized probes die before the first hop answers");
        }
        message.append(rules == IpVersionRules.IPV6
                ? ". IPv6 routers never fragment, so every larger packet is silently dropped."
                : ". With DF set (the Linux default) every larger packet is silently dropped.");
        String from = router == null ? "the routers of this path" : router + " and the hops after it";
        int mss = rules.mssFor(hole.getLargestOk());
        String fix = "Allow " + rules.ptbMessage + " through " + from + " back to the sender (and check that the"
                + " router in front of the narrow link sends them); until then clamp TCP MSS to " + mss
                + (router == null ? "" : " at " + router) + " (" + rules.clampCommands(mss) + ").";
        return List.of(finding(FindingCode.PMTUD_FAILURE, Severity.CRITICAL, message.toString(), fix, router));
    }
}
