package io.pmtuwatch.diagnosis.internals.findings;

import static io.pmtuwatch.diagnosis.internals.findings.Findings.finding;

import io.pmtuwatch.diagnosis.internals.MssFigures;
import io.pmtuwatch.diagnosis.internals.PathFacts;
import io.pmtuwatch.schemas.Finding;
import io.pmtuwatch.schemas.FindingCode;
import io.pmtuwatch.schemas.Severity;
import java.util.ArrayList;
import java.util.List;

/**
 * Oversized MSS: an advertised MSS + headers exceeds the PMTU (IPv4: MSS > PMTU - 40, IPv6: MSS >
 * PMTU - 60). The peer then sends full-size segments that do not fit; each costs a PTB round trip
 * and retransmissions (seed case #1). WARNING: it costs performance, PMTUD still repairs it.
 */
public final class OversizedMssRule implements FindingRule {

    @Override
    public List<Finding> apply(PathFacts facts) {
        if (!facts.pmtu().isKnown()) {
            return List.of();
        }
        int pmtu = facts.pmtu().value();
        int headers = facts.rules().headerBytes;
        MssFigures mss = facts.mss();
        List<String> offenders = new ArrayList<>();
        mss.received().filter(received -> received + headers > pmtu).ifPresent(received -> offenders.add(
                "the target advertises MSS " + received + " (" + received + " + " + headers + " = "
                        + (received + headers) + " bytes)"));
        mss.ourSide().filter(ours -> ours + headers > pmtu).ifPresent(ours -> offenders.add(ourSide(mss, ours, headers)));
        if (offenders.isEmpty()) {
            return List.of();
        }
        String message = capitalise(String.join(" and ", offenders)) + ", more than the " + facts.rules().label
                + " path MTU of " + pmtu + " bytes: full-size segments do not fit, so the first ones are lost"
                + " until a packet-too-big makes the sender shrink them to MSS " + facts.rules().mssFor(pmtu) + ".";
        return List.of(finding(FindingCode.OVERSIZED_MSS, Severity.WARNING, message, ClampAdvice.clampTo(facts) + ".",
                facts.narrowLinkRouter().orElse(null)));
    }

    private static String ourSide(MssFigures mss, int ours, int headers) {
        String what = mss.ourSideFromInterfaceMtu()
                ? "a host with this agent's interface MTU of " + (ours + headers) + " advertises MSS " + ours
                : "this agent's SYN advertised MSS " + ours;
        String bytes = " (" + ours + " + " + headers + " = " + (ours + headers) + " bytes)";
        String probeNote = mss.ourSideFromInterfaceMtu() && mss.sent().isPresent() && mss.sent().get() != ours
                ? "; the probe's own SYN said " + mss.sent().get() + " because its kernel had already learned the path MTU"
                : "";
        return what + bytes + probeNote;
    }

    private static String capitalise(String text) {
        return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
