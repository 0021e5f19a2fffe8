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
 * and retransmissions (seed case #1). WARNING: it costs performance, PMTUD still repairs it; CRITICAL
 * when a black hole was detected on the path, because then no packet-too-big repairs it and the
 * full-size segments are simply lost.
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
                MssWording.target(received) + sum(received, headers)));
        mss.ourSide().filter(ours -> ours + headers > pmtu).ifPresent(ours -> offenders.add(
                MssWording.ourSide(mss, ours, headers) + sum(ours, headers)));
        if (offenders.isEmpty()) {
            return List.of();
        }
        boolean blackHole = facts.blackHoleDetected();
        String consequence = blackHole
                ? " bytes: full-size segments do not fit and, with no packet-too-big coming back, they are lost for good"
                        + " and the connection stalls."
                : " bytes: full-size segments do not fit, so the first ones are lost until a packet-too-big makes the"
                        + " sender shrink them to MSS " + facts.rules().mssFor(pmtu) + ".";
        String message = MssWording.sentence(String.join(" and ", offenders)) + ", more than the "
                + facts.rules().label + " path MTU of " + pmtu + consequence;
        return List.of(finding(FindingCode.OVERSIZED_MSS, blackHole ? Severity.CRITICAL : Severity.WARNING, message,
                ClampAdvice.clampTo(facts) + ".", facts.narrowLinkRouter().orElse(null)));
    }

    private static String sum(int mss, int headers) {
        return " (" + mss + " + " + headers + " = " + (mss + headers) + " bytes)";
    }
}
