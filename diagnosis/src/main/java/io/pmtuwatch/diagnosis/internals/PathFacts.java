package io.pmtuwatch.diagnosis.internals;

import io.pmtuwatch.diagnosis.IpVersionRules;
import io.pmtuwatch.schemas.BlackHole;
import io.pmtuwatch.schemas.DiagnosedHop;
import io.pmtuwatch.schemas.MtuDrop;
import io.pmtuwatch.schemas.ReturnPath;
import io.pmtuwatch.schemas.ReturnPathMethod;
import io.pmtuwatch.schemas.Target;
import java.util.List;
import java.util.Optional;

/** Everything the finding rules read: derived once from the observations, then only looked at. */
public record PathFacts(
        Target target,
        IpVersionRules rules,
        Optional<Integer> localMtu,
        PmtuEstimate pmtu,
        MssFigures mss,
        List<DiagnosedHop> hops,
        List<MtuDrop> drops,
        Optional<BlackHole> blackHole,
        ValidatedPtbs ptbs,
        boolean handshakeSeen,
        Optional<MssClamp> clamp,
        Optional<ReturnPath> returnPath) {

    /** DNS is exempt from the undersized-MSS rule: its TCP answers are small anyway. */
    public boolean isDns() {
        return target.getPort() == 53;
    }

    /**
     * True when the target's SYN-ACK offers exactly the MSS that our own return-path test's
     * packet-too-big taught it (it honoured the PTB and keeps the smaller PMTU towards us for about
     * 10 minutes): a figure of the test, not of the target's configuration.
     */
    public boolean targetMssSetByOurPtb() {
        return returnPath.filter(rp -> rp.getMethod() != ReturnPathMethod.CAPTURE && rp.getPtbMtu() != null
                        && Boolean.TRUE.equals(rp.getShrankAfterPtb()))
                .map(rp -> mss.received().equals(Optional.of(rules.mssFor(rp.getPtbMtu()))))
                .orElse(false);
    }

    public boolean blackHoleDetected() {
        return blackHole.map(BlackHole::getDetected).orElse(false);
    }

    /** The router where a fix for the narrowest link belongs, if one can be named. */
    public Optional<String> narrowLinkRouter() {
        return pmtu.limitingHop();
    }
}
