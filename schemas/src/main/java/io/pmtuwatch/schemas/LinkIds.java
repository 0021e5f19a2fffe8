package io.pmtuwatch.schemas;

import java.util.Comparator;
import java.util.Optional;

/**
 * The key of a link on {@code pmtu.links}: {@code router>nextHop} ({@code *} for an unknown next hop).
 *
 * <p>Public addresses name one link wherever they are seen, so a public pair stays global and agents
 * crossing the same link meet on it. A private pair (RFC 1918, CGNAT 100.64/10, loopback and link-local,
 * IPv6 ULA fc00::/7 and link-local) is reused by unrelated networks: 10.0.0.1 &gt; 10.0.0.2 at one site is
 * not the link of that name at another. Such a link is scoped, {@code router>nextHop@scope}, by the
 * last public hop before the router on the path ({@code @via:ADDRESS}, the network it hangs off), or,
 * when the path has none, by the agent's site ({@code @site:LOCATION}, the agent's location, else its id).
 * A pair is private when the router is private and the next hop is private or unknown.
 */
public final class LinkIds {

    private LinkIds() {
    }

    /** The unscoped form, {@code router>nextHop}. */
    public static String pair(String router, String nextHop) {
        return router + ">" + (nextHop == null ? "*" : nextHop);
    }

    /** The link id of one MTU drop of a diagnosis (see the class comment). */
    public static String of(PathDiagnosis diagnosis, MtuDrop drop) {
        String pair = pair(drop.getRouter(), drop.getNextHop());
        boolean privatePair = PrivateAddresses.isPrivate(drop.getRouter())
                && (drop.getNextHop() == null || PrivateAddresses.isPrivate(drop.getNextHop()));
        if (!privatePair) {
            return pair;
        }
        return pair + "@" + lastPublicHopBefore(diagnosis, drop).map(hop -> "via:" + hop)
                .orElseGet(() -> "site:" + site(diagnosis.getAgent()));
    }

    private static Optional<String> lastPublicHopBefore(PathDiagnosis diagnosis, MtuDrop drop) {
        if (drop.getRouterTtl() == null) {
            return Optional.empty();
        }
        return diagnosis.getHops().stream()
                .filter(hop -> hop.getTtl() < drop.getRouterTtl() && hop.getAddress() != null
                        && !PrivateAddresses.isPrivate(hop.getAddress()))
                .max(Comparator.comparingInt(DiagnosedHop::getTtl))
                .map(DiagnosedHop::getAddress);
    }

    private static String site(Agent agent) {
        return agent.getLocation() != null && !agent.getLocation().isBlank() ? agent.getLocation() : agent.getId();
    }
}
