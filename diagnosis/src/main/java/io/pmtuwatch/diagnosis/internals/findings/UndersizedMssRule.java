package io.pmtuwatch.diagnosis.internals.findings;

import static io.pmtuwatch.diagnosis.internals.findings.Findings.finding;

import io.pmtuwatch.diagnosis.IpVersionRules;
import io.pmtuwatch.diagnosis.internals.MssClamp;
import io.pmtuwatch.diagnosis.internals.MssFigures;
import io.pmtuwatch.diagnosis.internals.PathFacts;
import io.pmtuwatch.schemas.Finding;
import io.pmtuwatch.schemas.FindingCode;
import io.pmtuwatch.schemas.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Undersized MSS: an MSS that is needlessly small. Raised (WARNING) when an advertised or clamped MSS
 * (the target's SYN-ACK, our side, or the value a located clamp writes) is below 1380 (IPv4) / 1220
 * (IPv6) <em>and</em> below what the path allows (PMTU - headers; without a known PMTU, the interface
 * MTU - headers): every segment then carries less data than the path could, so the same transfer
 * needs more packets for nothing. Not for DNS (port 53), whose TCP answers are small anyway.
 *
 * <p>An MSS the path itself forces below the threshold (a PMTU of 1400 leaves 1360) is not this
 * finding: raising the MSS would make it oversized, and the consequence is stated with the MTU drop
 * that causes it ({@link MtuDropRule}).
 *
 * <p>Nor is the MSS a target offers because our own return-path test sent it a packet-too-big (it
 * honoured it and keeps the smaller PMTU towards us for a while): the path is the same as before.
 */
public final class UndersizedMssRule implements FindingRule {

    @Override
    public List<Finding> apply(PathFacts facts) {
        if (facts.isDns()) {
            return List.of();
        }
        Optional<Integer> pathAllows = pathAllows(facts);
        MssFigures mss = facts.mss();
        Optional<Integer> theirs = mss.received().filter(value -> !facts.targetMssSetByOurPtb()
                && needlesslySmall(facts, value, pathAllows));
        Optional<Integer> ours = mss.ourSide().filter(value -> needlesslySmall(facts, value, pathAllows));
        Optional<MssClamp> clamp = facts.clamp().filter(c -> c.after().map(
                value -> needlesslySmall(facts, value, pathAllows)).orElse(false));
        if (theirs.isEmpty() && ours.isEmpty() && clamp.isEmpty()) {
            return List.of();
        }
        return List.of(needlesslySmall(facts, theirs, ours, clamp, pathAllows));
    }

    /** What the path allows: PMTU - headers, or the interface MTU - headers when no PMTU is known. */
    static Optional<Integer> pathAllows(PathFacts facts) {
        IpVersionRules rules = facts.rules();
        return facts.pmtu().pmtu().or(facts::localMtu).map(rules::mssFor);
    }

    private static boolean needlesslySmall(PathFacts facts, int mss, Optional<Integer> pathAllows) {
        return mss < facts.rules().minimumMss && pathAllows.map(allowed -> mss < allowed).orElse(true);
    }

    private static Finding needlesslySmall(PathFacts facts, Optional<Integer> theirs, Optional<Integer> ours,
            Optional<MssClamp> clamp, Optional<Integer> pathAllows) {
        IpVersionRules rules = facts.rules();
        List<String> ends = new ArrayList<>();
        theirs.ifPresent(value -> ends.add(MssWording.target(value)));
        ours.ifPresent(value -> ends.add(MssWording.ourSide(facts.mss(), value, rules.headerBytes)));
        clamp.filter(c -> !c.after().equals(theirs)).ifPresent(c -> ends.add("the MSS clamp at router " + c.router()
                + " writes MSS " + c.after().orElseThrow()));
        String allows = pathAllows.map(allowed -> " while the path carries MSS " + allowed
                        + (facts.pmtu().isKnown() ? " (path MTU " + facts.pmtu().value() + " - " + rules.headerBytes
                                + ")" : " (interface MTU - " + rules.headerBytes + ")"))
                .orElse("");
        StringBuilder message = new StringBuilder(MssWording.sentence(String.join(" and ", ends)))
                .append(", below ").append(rules.minimumMss).append(" (").append(rules.label).append(")")
                .append(allows).append(": every segment carries less data than the path could, so the same transfer"
                        + " needs more packets.");
        int wanted = pathAllows.orElse(rules.minimumMss);
        // A located clamp that writes the target's value (or a small value of its own) explains it: the fix
        // belongs at the clamp.
        Optional<MssClamp> writer = clamp.or(() -> facts.clamp().filter(c -> theirs.isPresent()
                && c.after().equals(theirs)));
        writer.ifPresent(c -> message.append(" The value is written on the way by the MSS clamp at router ")
                .append(c.router()).append(" (see MSS_CLAMPED)."));
        String fix;
        String hop;
        if (writer.isPresent()) {
            fix = "Raise the MSS clamp at router " + writer.get().router() + " to " + wanted
                    + " (the target itself may advertise more).";
            hop = writer.get().router();
        } else if (theirs.isPresent()) {
            fix = "Raise the MSS the target " + facts.target().getAddress() + " advertises to " + wanted
                    + " (check its interface MTU and any MSS clamp on the path set too low).";
            hop = facts.target().getAddress();
        } else {
            fix = "Raise the MSS this side advertises to " + wanted + " (check the host's interface MTU, a route"
                    + " advmss/mtu setting, or an application setting TCP_MAXSEG).";
            hop = null;
        }
        return finding(FindingCode.UNDERSIZED_MSS, Severity.WARNING, message.toString(), fix, hop);
    }
}
