package io.pmtuwatch.diagnosis.internals.findings;

import static io.pmtuwatch.diagnosis.internals.findings.Findings.finding;

import io.pmtuwatch.diagnosis.IpVersionRules;
import io.pmtuwatch.diagnosis.internals.PathFacts;
import io.pmtuwatch.schemas.Finding;
import io.pmtuwatch.schemas.FindingCode;
import io.pmtuwatch.schemas.MtuDrop;
import io.pmtuwatch.schemas.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * One INFO per MTU drop: where a tunnel (or a mis-set link) starts. Informational because a drop
 * with working packet-too-bigs and a fitting MSS is how tunnels are meant to work; the problems it
 * causes are reported by the other rules.
 */
public final class MtuDropRule implements FindingRule {

    @Override
    public List<Finding> apply(PathFacts facts) {
        if (facts.drops().isEmpty()) {
            return List.of();
        }
        List<Finding> findings = new ArrayList<>(facts.drops().size());
        for (MtuDrop drop : facts.drops()) {
            findings.add(describe(drop, facts));
        }
        return findings;
    }

    private static Finding describe(MtuDrop drop, PathFacts facts) {
        IpVersionRules rules = facts.rules();
        String position = drop.getRouterTtl() == null ? "" : " (TTL " + drop.getRouterTtl() + ")";
        String next = drop.getNextHop() == null ? "the next hop" : drop.getNextHop();
        String drops = drop.getFromMtu() == null ? "The MTU drops to " + drop.getToMtu() + " bytes"
                : "The MTU drops from " + drop.getFromMtu() + " to " + drop.getToMtu() + " bytes";
        String message = drops + " on the link from " + drop.getRouter() + position + " to " + next + ": "
                + drop.getLikelyCause() + ". " + drop.getRouter() + " reported it with a packet-too-big."
                + (drop.getFromMtu() == null ? " The MTU before the drop is unknown (no interface MTU is known and"
                        + " the refused packet's size is not: a quoted offload super-segment is no wire packet)." : "")
                + forcedSmallMss(drop, facts);
        int mss = rules.mssFor(drop.getToMtu());
        String fix = "If the lower MTU is intended (a tunnel), clamp TCP MSS to " + mss + " at " + drop.getRouter()
                + " (" + rules.clampCommands(mss) + ") and keep " + rules.ptbMessage + " flowing; otherwise raise"
                + " the MTU of the link " + drop.getRouter() + " -> " + next + raiseTo(drop, facts) + ".";
        return finding(FindingCode.MTU_DROP, Severity.INFO, message, fix, drop.getRouter());
    }

    /**
     * The MTU a raised link needs: the MTU before the drop; when that is unknown, what the flow's
     * negotiated MSS needs (never a size nobody measured on the wire), else no figure.
     */
    private static String raiseTo(MtuDrop drop, PathFacts facts) {
        if (drop.getFromMtu() != null) {
            return " to " + drop.getFromMtu();
        }
        Optional<Integer> negotiated = Stream.of(facts.mss().sent(), facts.mss().received())
                .flatMap(Optional::stream).min(Integer::compare);
        return negotiated.map(mss -> mss + facts.rules().headerBytes)
                .filter(mtu -> mtu > drop.getToMtu())
                .map(mtu -> " to at least " + mtu + " (what the flow's negotiated MSS "
                        + (mtu - facts.rules().headerBytes) + " needs; the MTU before the drop is unknown)")
                .orElse(" (the MTU before the drop is unknown)");
    }

    /**
     * A path MTU that leaves less than the undersized-MSS threshold forces small segments on every
     * connection: the consequence of this drop (and fixed with it), not a separate UNDERSIZED_MSS.
     */
    private static String forcedSmallMss(MtuDrop drop, PathFacts facts) {
        IpVersionRules rules = facts.rules();
        int mss = rules.mssFor(drop.getToMtu());
        boolean limitsPath = facts.pmtu().pmtu().map(pmtu -> pmtu == drop.getToMtu()).orElse(false);
        if (!limitsPath || mss >= rules.minimumMss || facts.isDns()) {
            return "";
        }
        return " It forces TCP segments down to MSS " + mss + ", below " + rules.minimumMss + " (" + rules.label
                + "), so every transfer across it needs more packets; a larger MSS would not fit, only an MTU of at"
                + " least " + (rules.minimumMss + rules.headerBytes) + " on this link avoids that.";
    }
}
