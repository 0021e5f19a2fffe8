package io.pmtuwatch.probe.agent;

import io.pmtuwatch.probe.returnpath.ReturnRequest;
import io.pmtuwatch.probe.trace.TraceProtocol;
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
 * @param returnPath the return-path test of TCP runs: which request (off by default) and the HTTP path
 * @param probe    how the path is traced: UDP, TCP SYNs to {@code port}, or AUTO (UDP, then TCP when the
 *                 target answers no UDP or echo)
 */
public record TargetSpec(String host, int port, Transport protocol, IpPreference ip, Duration interval, String netns,
                         int line, ReturnPathSpec returnPath, TraceProtocol probe) {

    /** The return-path test of a target: the request to send ({@link ReturnRequest#OFF}: none) and the GET's path. */
    public record ReturnPathSpec(ReturnRequest request, String httpPath) {

        public static final ReturnPathSpec OFF = new ReturnPathSpec(ReturnRequest.OFF, "/");

        public ReturnPathSpec {
            Objects.requireNonNull(request, "request");
            Objects.requireNonNull(httpPath, "httpPath");
        }
    }

    /** A target traced the default way (AUTO). */
    public TargetSpec(String host, int port, Transport protocol, IpPreference ip, Duration interval, String netns,
                      int line, ReturnPathSpec returnPath) {
        this(host, port, protocol, ip, interval, netns, line, returnPath, TraceProtocol.AUTO);
    }

    /** A target without the return-path test. */
    public TargetSpec(String host, int port, Transport protocol, IpPreference ip, Duration interval, String netns,
                      int line) {
        this(host, port, protocol, ip, interval, netns, line, ReturnPathSpec.OFF);
    }

    public TargetSpec {
        Objects.requireNonNull(returnPath, "returnPath");
        Objects.requireNonNull(probe, "probe");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(ip, "ip");
        Objects.requireNonNull(interval, "interval");
    }

    /** The TCP port a TCP trace may use: the service port of a TCP target, else 0. */
    public int tcpPort() {
        return protocol == Transport.TCP ? port : 0;
    }

    /** Short form for logs: tcp://example.net:443 (v4, netns lab). */
    public String label() {
        String hostPart = host.contains(":") ? "[" + host + "]" : host;
        return protocol.name().toLowerCase(Locale.ROOT) + "://" + hostPart + (port > 0 ? ":" + port : "")
                + (ip == IpPreference.AUTO ? "" : " (" + ip.name().toLowerCase(Locale.ROOT) + ")")
                + (netns == null ? "" : " netns " + netns);
    }
}
