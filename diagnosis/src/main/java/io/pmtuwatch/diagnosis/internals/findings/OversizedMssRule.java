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
 * Oversized MSS: the combined MSS + headers exceeds the PMTU (IPv4: MSS > PMTU - 40, IPv6: MSS >
 * PMTU - 60). Full-size segments then do not fit; each costs a packet-too-big round trip and
 * retransmissions (seed case #1). The combined MSS is the smaller of what the target advertises
 * and what a host with this agent's interface MTU advertises, never the probe's own SYN, which a
 * route exception may have shrunk (see {@link MssFigures}).
 *
 * <p>WARNING: it costs performance and PMTUD repairs it. CRITICAL when a black hole was detected on
 * the path: then no packet-too-big comes back and the full-size segments are simply lost.
 */
public final class OversizedMssRule implements FindingRule {

    @Override
    public List<Finding> apply(PathFacts facts) {
        if (!facts.pmtu().isKnown() || facts.mss().combined().isEmpty()) {
            return List.of();
        }
        int pmtu = facts.pmtu().value();
        int headers = facts.rules().headerBytes;
        int combined = facts.mss().combined().get();
        if (combined + headers <= pmtu) {
            return List.of();
        }
        boolean blackHole = facts.blackHoleDetected();
        String consequence = blackHole
                ? ": full-size segments do not fit and, with no packet-too-big coming back, they are lost for good"
                        + " and the connection stalls."
                : ": full-size segments do not fit, so the first ones are lost until a packet-too-big makes the"
                        + " sender shrink them to MSS " + facts.rules().mssFor(pmtu) + ".";
        String message = "The combined MSS " + combined + " (" + whoAdvertisesWhat(facts.mss(), headers) + ") + "
                + headers + " header bytes = " + (combined + headers) + " exceeds the " + facts.rules().label
                + " path MTU of " + pmtu + consequence;
        return List.of(finding(FindingCode.OVERSIZED_MSS, blackHole ? Severity.CRITICAL : Severity.WARNING, message,
                ClampAdvice.clampTo(facts) + ".", facts.narrowLinkRouter().orElse(null)));
    }

    private static String whoAdvertisesWhat(MssFigures mss, int headers) {
        List<String> ends = new ArrayList<>();
        mss.received().ifPresent(received -> ends.add(MssWording.target(received)));
        mss.ourSide().ifPresent(ours -> ends.add(MssWording.ourSide(mss, ours, headers)));
        return String.join("; ", ends);
    }
}
