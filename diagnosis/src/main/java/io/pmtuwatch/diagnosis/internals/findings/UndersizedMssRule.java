package io.pmtuwatch.diagnosis.internals.findings;

import static io.pmtuwatch.diagnosis.internals.findings.Findings.finding;

import io.pmtuwatch.diagnosis.IpVersionRules;
import io.pmtuwatch.diagnosis.internals.MssClamp;
import io.pmtuwatch.diagnosis.internals.MssFigures;
import io.pmtuwatch.diagnosis.internals.PathFacts;
import io.pmtuwatch.schemas.Finding;
import io.pmtuwatch.schemas.FindingCode;
import io.pmtuwatch.schemas.PmtuSource;
import io.pmtuwatch.schemas.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Undersized MSS: below 1380 (IPv4) or 1220 (IPv6), except DNS (port 53), whose TCP answers are small
 * anyway. Small segments mean more packets and more per-packet work for the same data.
 *
 * <p>WARNING when an end advertises less than the path could carry (the MSS can simply be raised);
 * INFO when the path MTU itself leaves no room (raising the MSS would make it oversized, the fix is
 * a larger MTU on the narrow link). The advertised values are checked first; if they are fine but
 * the effective MSS after a packet-too-big is below the threshold, that is reported as INFO.
 */
public final class UndersizedMssRule implements FindingRule {

    @Override
    public List<Finding> apply(PathFacts facts) {
        if (facts.isDns()) {
            return List.of();
        }
        IpVersionRules rules = facts.rules();
        MssFigures mss = facts.mss();
        Optional<Integer> theirs = mss.received().filter(value -> value < rules.minimumMss);
        Optional<Integer> ours = mss.ourSide().filter(value -> value < rules.minimumMss);
        if (theirs.isPresent() || ours.isPresent()) {
            return List.of(advertisedTooSmall(facts, theirs, ours));
        }
        if (facts.pmtu().source() != PmtuSource.PTB) {
            return List.of();
        }
        return mss.effective().filter(value -> value < rules.minimumMss)
                .map(value -> List.of(forcedByPath(facts, value)))
                .orElse(List.of());
    }

    private static Finding advertisedTooSmall(PathFacts facts, Optional<Integer> theirs, Optional<Integer> ours) {
        IpVersionRules rules = facts.rules();
        int smallest = Math.min(theirs.orElse(Integer.MAX_VALUE), ours.orElse(Integer.MAX_VALUE));
        // What the path allows: PMTU - headers, or without a known PMTU at least the threshold.
        int pathAllows = facts.pmtu().pmtu().map(rules::mssFor).orElse(rules.minimumMss);
        boolean raisable = smallest < Math.min(pathAllows, rules.minimumMss);
        List<String> ends = new ArrayList<>();
        theirs.ifPresent(value -> ends.add(MssWording.target(value)));
        ours.ifPresent(value -> ends.add(MssWording.ourSide(facts.mss(), value, rules.headerBytes)));
        StringBuilder message = new StringBuilder(MssWording.sentence(String.join(" and ", ends)))
                .append(", below ").append(rules.minimumMss).append(" (").append(rules.label)
                .append("): every segment carries less data, so the same transfer needs more packets.");
        if (!raisable) {
            message.append(facts.pmtu().pmtu()
                    .map(pmtu -> " The path MTU of " + pmtu + " bytes leaves no room for more.")
                    .orElse(" The interface MTU leaves no room for more."));
        }
        // A located clamp that writes exactly this value explains it: the fix belongs at the clamp.
        Optional<MssClamp> clamp = facts.clamp().filter(c -> theirs.isPresent() && c.after().equals(theirs));
        clamp.ifPresent(c -> message.append(" The value is written on the way by the MSS clamp at router ")
                .append(c.router()).append(" (see MSS_CLAMPED)."));
        String fix;
        if (!raisable) {
            fix = raiseNarrowMtu(facts);
        } else if (clamp.isPresent()) {
            fix = "Raise the MSS clamp at router " + clamp.get().router() + " to " + Math.min(pathAllows,
                    facts.localMtu().map(rules::mssFor).orElse(pathAllows)) + " (the target itself may advertise more).";
        } else if (theirs.isPresent()) {
            fix = "Raise the MSS the target " + facts.target().getAddress() + " advertises to "
                    + Math.min(pathAllows, facts.localMtu().map(rules::mssFor).orElse(pathAllows))
                    + " (check its interface MTU and any MSS clamp on the path set too low).";
        } else {
            fix = "Raise the interface MTU of this agent's network to at least " + (rules.minimumMss + rules.headerBytes)
                    + ".";
        }
        String hop = clamp.map(MssClamp::router).orElse(theirs.isPresent() ? facts.target().getAddress() : null);
        return finding(FindingCode.UNDERSIZED_MSS, raisable ? Severity.WARNING : Severity.INFO, message.toString(), fix,
                hop);
    }

    private static Finding forcedByPath(PathFacts facts, int effective) {
        IpVersionRules rules = facts.rules();
        String message = "After the packet-too-big the effective MSS is " + effective + ", below "
                + rules.minimumMss + " (" + rules.label + "): the path MTU of " + facts.pmtu().value()
                + " bytes forces small segments, so the same transfer needs more packets.";
        return finding(FindingCode.UNDERSIZED_MSS, Severity.INFO, message, raiseNarrowMtu(facts),
                facts.narrowLinkRouter().orElse(null));
    }

    private static String raiseNarrowMtu(PathFacts facts) {
        IpVersionRules rules = facts.rules();
        int wanted = rules.minimumMss + rules.headerBytes;
        String link = facts.narrowLinkRouter().map(router -> "the link after " + router)
                .orElse("the narrowest link (or this agent's interface)");
        return "Raise the MTU of " + link + " to at least " + wanted
                + " (for a tunnel: a larger underlay MTU, e.g. jumbo frames).";
    }
}
