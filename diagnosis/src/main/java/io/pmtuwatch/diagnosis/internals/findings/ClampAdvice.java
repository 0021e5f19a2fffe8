package io.pmtuwatch.diagnosis.internals.findings;

import io.pmtuwatch.diagnosis.internals.PathFacts;
import io.pmtuwatch.schemas.PmtuSource;

/** The "clamp the MSS" fix, worded for where the narrow link is. */
final class ClampAdvice {

    private ClampAdvice() {
    }

    static String clampTo(PathFacts facts) {
        int mss = facts.rules().mssFor(facts.pmtu().value());
        return "Clamp TCP MSS to " + mss + " " + where(facts) + ": " + facts.rules().clampCommands(mss);
    }

    static String where(PathFacts facts) {
        if (facts.pmtu().source() == PmtuSource.LOCAL_INTERFACE) {
            return "on this agent's outgoing interface or its first router (interface MTU "
                    + facts.pmtu().value() + ")";
        }
        return facts.narrowLinkRouter()
                .map(router -> "at " + router + " (the router in front of the narrow link)")
                .orElse("at the router in front of the narrow link");
    }
}
