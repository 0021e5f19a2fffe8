package io.pmtuwatch.probe.trace;

import io.pmtuwatch.schemas.Agent;
import io.pmtuwatch.schemas.IpVersion;
import io.pmtuwatch.schemas.PathIds;
import io.pmtuwatch.schemas.Target;
import io.pmtuwatch.schemas.Transport;
import java.net.Inet6Address;
import java.net.InetAddress;

/** Who traced what: the agent and the service the path leads to (its port and transport make the path id). */
public record TraceIdentity(Agent agent, String host, InetAddress address, int port, Transport transport,
                            String netns) {

    /** A target in the agent's own network namespace. */
    public TraceIdentity(Agent agent, String host, InetAddress address, int port, Transport transport) {
        this(agent, host, address, port, transport, null);
    }

    public Target target() {
        return Target.newBuilder()
                .setHost(host)
                .setAddress(AddressText.of(address))
                .setPort(port)
                .setIpVersion(address instanceof Inet6Address ? IpVersion.IPV6 : IpVersion.IPV4)
                .setTransport(transport)
                .setNetns(netns)
                .build();
    }

    public String pathId() {
        return PathIds.of(agent.getId(), target());
    }
}
