package io.pmtuwatch.diagnosis.internals.findings;

import static io.pmtuwatch.diagnosis.internals.findings.Findings.finding;

import io.pmtuwatch.diagnosis.IpVersionRules;
import io.pmtuwatch.diagnosis.internals.PathFacts;
import io.pmtuwatch.schemas.Finding;
import io.pmtuwatch.schemas.FindingCode;
import io.pmtuwatch.schemas.PmtuSource;
import io.pmtuwatch.schemas.Severity;
import java.util.List;

/**
 * Undersized PMTU: IPv4 below 576 (every host must reassemble 576-byte datagrams, so larger UDP
 * datagrams get fragmented and the first ones lost; WARNING, CRITICAL for a DNS server whose answers
 * are exactly those datagrams), IPv6 below 1280 (violates the standard: IPv6 has no in-network
 * fragmentation, packets are dropped; CRITICAL).
 */
public final class UndersizedPmtuRule implements FindingRule {

    @Override
    public List<Finding> apply(PathFacts facts) {
        IpVersionRules rules = facts.rules();
        if (!facts.pmtu().isKnown() || facts.pmtu().value() >= rules.minimumPmtu) {
            return List.of();
        }
        int pmtu = facts.pmtu().value();
        String router = facts.narrowLinkRouter().orElse(null);
        boolean ownInterface = facts.pmtu().source() == PmtuSource.LOCAL_INTERFACE;
        String where = ownInterface ? "(this agent's own interface MTU)"
                : router == null ? "on this path" : "behind " + router;
        String message;
        Severity severity;
        if (rules == IpVersionRules.IPV6) {
            severity = Severity.CRITICAL;
            message = "Path MTU " + pmtu + " bytes " + where + " is below the IPv6 minimum of 1280: this violates"
                    + " the IPv6 standard, and since IPv6 routers never fragment, packets larger than " + pmtu
                    + " bytes are dropped.";
        } else {
            severity = facts.isDns() ? Severity.CRITICAL : Severity.WARNING;
            message = "Path MTU " + pmtu + " bytes " + where + " is below 576, the datagram size every IPv4 host"
                    + " must accept: UDP datagrams above " + pmtu + " bytes are fragmented and the first ones are"
                    + " lost until a frag-needed arrives" + (facts.isDns() ? "; critical for this DNS server." : ".");
        }
        String link = ownInterface ? "this agent's interface"
                : router == null ? "the narrowest link of the path" : "the link after " + router;
        String fix = "Raise the MTU of " + link + " to at least " + rules.minimumPmtu
                + " (for a tunnel: raise the underlay MTU so the tunnel keeps at least " + rules.minimumPmtu + ").";
        return List.of(finding(FindingCode.UNDERSIZED_PMTU, severity, message, fix, router));
    }
}
