package io.pmtuwatch.probe.agent;

import io.pmtuwatch.schemas.Transport;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * One target of the agent, as written in the targets file.
 *
 * @param host     name or address literal
 * @param port     service port; 0 for ICMP
 * @param protocol transport of the service (TCP targets also get a handshake)
 * @param ip       IP version preference
 * @param interval how often to probe it
 * @param netns    network namespace to probe from (lab use), null for the agent's own
 * @param line     line of the entry in the targets file, for messages (0 when not from a file)
 */
public record TargetSpec(String host, int port, Transport protocol, IpPreference ip, Duration interval, String netns,
                         int line) {

    public TargetSpec {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(ip, "ip");
        Objects.requireNonNull(interval, "interval");
    }

    /** Short form for logs: tcp://example.net:443 (v4, netns lab). */
    public String label() {
        String hostPart = host.contains(":") ? "[" + host + "]" : host;
        return protocol.name().toLowerCase(Locale.ROOT) + "://" + hostPart + (port > 0 ? ":" + port : "")
                + (ip == IpPreference.AUTO ? "" : " (" + ip.name().toLowerCase(Locale.ROOT) + ")")
                + (netns == null ? "" : " netns " + netns);
    }
}
