package io.pmtuwatch.schemas;

import java.util.Locale;
import java.util.Objects;

/**
 * Builds the path id: the Kafka key of every observation and diagnosis of one path, so that all
 * records of a path meet in one partition. Format: {@code agentId|address|transport|port|ipVersion},
 * e.g. {@code fra-1|192.0.2.7|tcp|443|v4}.
 */
public final class PathIds {

    private PathIds() {
    }

    public static String of(String agentId, Target target) {
        String base = of(agentId, target.getAddress(), target.getTransport(), target.getPort(), target.getIpVersion());
        return withNamespace(base, target.getNetns());
    }

    /**
     * A target reached through a named network namespace gets it as a sixth part ({@code |ns=NAME}):
     * the same address, port and version in two namespaces of one agent are two different paths. Ids of
     * targets in the agent's own namespace keep their five parts.
     */
    public static String withNamespace(String pathId, String netns) {
        if (netns == null || netns.isEmpty()) {
            return pathId;
        }
        rejectSeparator("network namespace", netns);
        return pathId + "|ns=" + netns;
    }

    public static String of(String agentId, String address, Transport transport, int port, IpVersion ipVersion) {
        Objects.requireNonNull(agentId, "agentId");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(transport, "transport");
        // Without this a null IP version would silently become "v4".
        Objects.requireNonNull(ipVersion, "ipVersion");
        rejectSeparator("agent id", agentId);
        rejectSeparator("address", address);
        return agentId + '|' + address + '|' + transport.name().toLowerCase(Locale.ROOT) + '|' + port + '|'
                + (ipVersion == IpVersion.IPV6 ? "v6" : "v4");
    }

    // A '|' inside a part would make two different paths share one key.
    private static void rejectSeparator(String what, String value) {
        if (value.indexOf('|') >= 0) {
            throw new IllegalArgumentException(what + " must not contain '|': " + value);
        }
    }
}
