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
        return of(agentId, target.getAddress(), target.getTransport(), target.getPort(), target.getIpVersion());
    }

    public static String of(String agentId, String address, Transport transport, int port, IpVersion ipVersion) {
        Objects.requireNonNull(agentId, "agentId");
        Objects.requireNonNull(address, "address");
        if (agentId.indexOf('|') >= 0) {
            throw new IllegalArgumentException("agent id must not contain '|': " + agentId);
        }
        return agentId + '|' + address + '|' + transport.name().toLowerCase(Locale.ROOT) + '|' + port + '|'
                + (ipVersion == IpVersion.IPV6 ? "v6" : "v4");
    }
}
