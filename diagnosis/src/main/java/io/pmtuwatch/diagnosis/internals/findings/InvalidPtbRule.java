package io.pmtuwatch.diagnosis.internals.findings;

import static io.pmtuwatch.diagnosis.internals.findings.Findings.finding;

import io.pmtuwatch.diagnosis.internals.PathFacts;
import io.pmtuwatch.schemas.Finding;
import io.pmtuwatch.schemas.FindingCode;
import io.pmtuwatch.schemas.HopObservation;
import io.pmtuwatch.schemas.Severity;
import java.util.List;
import java.util.Objects;

/**
 * Packet-too-big messages that were ignored. INFO: they changed nothing in the verdict, but repeated
 * ones point at a broken router, an asymmetric path, or someone trying to shrink the path MTU
 * (forged PTBs are a known denial-of-service trick).
 */
public final class InvalidPtbRule implements FindingRule {

    @Override
    public List<Finding> apply(PathFacts facts) {
        int count = facts.ptbs().ignoredCount();
        if (count == 0) {
            return List.of();
        }
        List<String> senders = facts.ptbs().ignored().keySet().stream().map(HopObservation::getResponder)
                .filter(Objects::nonNull).distinct().toList();
        List<String> reasons = facts.ptbs().ignored().values().stream().distinct().toList();
        String from = senders.isEmpty() ? "" : " from " + String.join(", ", senders);
        String message = count + (count == 1 ? " packet-too-big was" : " packet-too-big messages were") + " ignored"
                + from + ": " + String.join("; ", reasons) + (count == 1 ? ". It" : ". They") + " did not change the path MTU.";
        String fix = "No action if rare. If they repeat, check " + (senders.isEmpty() ? "the path" : String.join(", ", senders))
                + " for a misconfigured MTU or asymmetric routing, or look for forged ICMP aimed at this host.";
        return List.of(finding(FindingCode.INVALID_PTB, Severity.INFO, message, fix,
                senders.size() == 1 ? senders.get(0) : null));
    }
}
