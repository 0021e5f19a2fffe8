package io.pmtuwatch.diagnosis.internals;

import io.pmtuwatch.diagnosis.IpVersionRules;
import io.pmtuwatch.schemas.BlackHole;
import io.pmtuwatch.schemas.DiagnosedHop;
import io.pmtuwatch.schemas.MtuDrop;
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
        Optional<MssClamp> clamp) {

    /** DNS is exempt from the undersized-MSS rule: its TCP answers are small anyway. */
    public boolean isDns() {
        return target.getPort() == 53;
    }

    public boolean blackHoleDetected() {
        return blackHole.map(BlackHole::getDetected).orElse(false);
    }

    /** The router where a fix for the narrowest link belongs, if one can be named. */
    public Optional<String> narrowLinkRouter() {
        return pmtu.limitingHop();
    }
}
