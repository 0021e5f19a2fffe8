package io.pmtuwatch.diagnosis.internals.findings;

import io.pmtuwatch.diagnosis.IpVersionRules;
import io.pmtuwatch.diagnosis.internals.MssClamp;
import io.pmtuwatch.diagnosis.internals.PathFacts;
import io.pmtuwatch.schemas.Finding;
import io.pmtuwatch.schemas.FindingCode;
import io.pmtuwatch.schemas.Severity;

import java.util.List;


/**
 * MSS clamped: a router on the path rewrites the MSS option of SYNs (located by the probe with
 * TTL-limited SYNs). Informational when the clamp leaves a normal MSS (it is what tunnels should
 * do); a warning when it forces the MSS below the undersized threshold although the path carries more.
 */
public final class MssClampedRule implements FindingRule {

    @Override
    public List<Finding> apply(PathFacts facts) {
        return facts.clamp().map(clamp -> List.of(finding(facts, clamp))).orElse(List.of());
    }

    private static Finding finding(PathFacts facts, MssClamp clamp) {
        IpVersionRules rules = facts.rules();
        String where = "router " + clamp.router() + clamp.ttl().map(ttl -> " (hop " + ttl + ")").orElse("");
        String after = clamp.after().map(mss -> "rewrites it to " + mss + " (room for " + (mss + rules.headerBytes)
                + "-byte packets)").orElse("removes the option");
        java.util.Optional<Integer> allowed = UndersizedMssRule.pathAllows(facts);
        int pathAllows = allowed.orElse(rules.minimumMss);
        boolean tooSmall = clamp.after().map(mss -> mss < rules.minimumMss && allowed.map(a -> mss < a).orElse(true))
                .orElse(false) && !facts.isDns();
        String message = "The MSS option of SYNs is changed on the way: " + where + " receives MSS " + clamp.before()
                + " and " + after + ".";
        String fix = tooSmall ? "Raise the clamp at " + where + " to " + pathAllows + " (the path MTU minus "
                + rules.headerBytes + " header bytes): " + rules.clampCommands(pathAllows) + "." : null;
        return Findings.finding(FindingCode.MSS_CLAMPED, tooSmall ? Severity.WARNING : Severity.INFO, message, fix,
                clamp.router());
    }
}
