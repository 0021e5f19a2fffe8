package io.pmtuwatch.diagnosis.internals.findings;

import static io.pmtuwatch.diagnosis.internals.findings.Findings.finding;

import io.pmtuwatch.diagnosis.IpVersionRules;
import io.pmtuwatch.schemas.EcmpMember;
import io.pmtuwatch.schemas.Finding;
import io.pmtuwatch.schemas.FindingCode;
import io.pmtuwatch.schemas.Severity;
import java.util.List;

/**
 * Equal-cost members with different MTUs: a per-flow hash sends each connection over one member,
 * so only the connections hashed onto the narrow one meet its MTU (or its black hole), and a
 * one-flow trace sees it or not depending on its source port. WARNING: the narrow member's own
 * problem (MTU_DROP, PMTUD_FAILURE) is reported beside it with its own severity; this finding says
 * that it hits some flows only, which is why it looks intermittent.
 */
public final class EcmpNarrowMemberRule {

    public List<Finding> apply(List<EcmpMember> members, IpVersionRules rules) {
        if (members.size() < 2) {
            return List.of();
        }
        EcmpMember narrow = members.get(0);
        EcmpMember widest = members.get(members.size() - 1);
        if (narrow.getPmtu() == null || widest.getPmtu() == null || narrow.getPmtu() >= widest.getPmtu()) {
            return List.of();
        }
        int allFlows = members.stream().mapToInt(m -> m.getFlows().size()).sum();
        String router = narrow.getLimitingRouter() == null ? "an unnamed router" : narrow.getLimitingRouter();
        String message = "Only some flows are affected: " + narrow.getFlows().size() + " of the " + allFlows
                + " flows probed took an equal-cost member whose path MTU is " + narrow.getPmtu() + " bytes (limited at "
                + router + "), the other members carry up to " + widest.getPmtu() + " bytes. Per-flow load balancing"
                + " (ECMP) keeps each connection on one member, so only connections hashed onto the narrow one meet"
                + " its MTU; to a single trace or a single user it looks intermittent.";
        int mss = rules.mssFor(narrow.getPmtu());
        String fix = "Give every member the same MTU: raise the MTU of the narrow link after " + router + " to "
                + widest.getPmtu() + ", or clamp TCP MSS to " + mss + " where the members split ("
                + rules.clampCommands(mss) + ") so that every flow fits whichever member it takes, and keep "
                + rules.ptbMessage + " flowing from " + router + ".";
        return List.of(finding(FindingCode.ECMP_NARROW_MEMBER, Severity.WARNING, message, fix,
                narrow.getLimitingRouter()));
    }
}
