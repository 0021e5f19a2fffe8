package io.pmtuwatch.probe.clamp;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * The tracebox method (Detal et al., IMC 2013), as pure logic: compares the MSS option our SYN left
 * with what each router quotes back in its time-exceeded message. The first hop whose quote shows
 * another value is where the option was rewritten (see {@link ClampChange} for the exact bounds).
 * Quotes too short to show the TCP options (RFC 792's 8 bytes) are reported as blind, never guessed.
 */
public final class ClampLocator {

    private ClampLocator() {
    }

    public static ClampVerdict locate(int sentMss, List<HopQuote> answers) {
        List<HopQuote> hops = answers.stream().sorted(Comparator.comparingInt(HopQuote::ttl)).toList();
        List<ClampChange> changes = new ArrayList<>();
        List<Integer> blind = new ArrayList<>();
        Integer reached = null;
        Integer current = sentMss;
        int lastSameTtl = 0;
        String lastSameRouter = null;
        for (HopQuote hop : hops) {
            if (hop.kind() == HopQuote.Kind.REACHED) {
                reached = hop.ttl();
                break;
            }
            if (hop.kind() != HopQuote.Kind.TIME_EXCEEDED) {
                continue;
            }
            if (!hop.mssVisible()) {
                blind.add(hop.ttl());
                continue;
            }
            if (!Objects.equals(hop.quotedMss(), current)) {
                int lastTtl = hop.ttl() - 1;
                boolean exact = lastSameTtl == lastTtl;
                changes.add(new ClampChange(lastSameTtl, lastTtl, exact ? lastSameRouter : null,
                        current == null ? 0 : current, hop.quotedMss()));
                current = hop.quotedMss();
            }
            lastSameTtl = hop.ttl();
            lastSameRouter = hop.responder();
        }
        return new ClampVerdict(sentMss, hops, List.copyOf(changes), reached, List.copyOf(blind),
                conclusion(changes, blind, reached, lastSameTtl));
    }

    private static String conclusion(List<ClampChange> changes, List<Integer> blind, Integer reached,
            int lastVisibleTtl) {
        if (!changes.isEmpty()) {
            List<String> parts = new ArrayList<>();
            for (ClampChange c : changes) {
                String where;
                if (c.exact() && c.firstTtl() == 0) {
                    where = "on this host (before the first router)";
                } else if (c.exact()) {
                    where = "at hop " + c.firstTtl() + (c.router() == null ? "" : " (" + c.router() + ")");
                } else {
                    where = "between hop " + Math.max(1, c.firstTtl()) + " and hop " + c.lastTtl()
                            + " (quotes in between too short to tell)";
                }
                parts.add("MSS clamped " + where + ": " + c.before() + " -> "
                        + (c.after() == null ? "option removed" : c.after()));
            }
            return String.join("; ", parts);
        }
        if (lastVisibleTtl == 0) {
            return blind.isEmpty() ? "no router quoted the SYN: cannot tell whether the MSS is clamped"
                    : "quotes too short to tell (only the first 8 bytes of TCP quoted)";
        }
        String scope = reached != null ? "up to the target" : "up to hop " + lastVisibleTtl;
        return "no MSS clamp seen " + scope + (blind.isEmpty() ? "" : " (hops " + blind
                + " quoted too little to tell)");
    }
}
