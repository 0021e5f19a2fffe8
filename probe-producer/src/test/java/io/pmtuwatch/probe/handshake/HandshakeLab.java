package io.pmtuwatch.probe.handshake;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A minimal three-namespace lab for handshake tests (root): client --1500-- router --1400-- server.
 * The router clamps the MSS of SYNs to and from port {@value #CLAMPED_PORT} to {@value #CLAMP_MSS}
 * and silently drops SYNs to port {@value #BLACKHOLED_PORT}. Deleting the namespaces deletes
 * everything else (veths, routes, iptables rules).
 */
final class HandshakeLab implements AutoCloseable {

    static final String CLIENT_V4 = "10.201.1.2";
    static final String SERVER_V4 = "10.201.2.2";
    static final String SERVER_V6 = "fd00:201:2::2";
    /** A second server address, for tests that leave a learned PMTU behind in the client's route cache. */
    static final String SERVER_V4_SPARE = "10.201.2.3";
    static final int SERVER_LINK_MTU = 1400;
    static final int CLAMPED_PORT = 8082;
    static final int CLAMP_MSS = 1200;
    static final int BLACKHOLED_PORT = 8098;

    final String client;
    final String router;
    final String server;

    private HandshakeLab(String prefix) {
        this.client = prefix + "-c";
        this.router = prefix + "-r";
        this.server = prefix + "-s";
    }

    /** Builds the lab; names carry {@code prefix}, and leftovers of a crashed run with it are removed first. */
    static HandshakeLab build(String prefix) throws IOException, InterruptedException {
        HandshakeLab lab = new HandshakeLab(prefix);
        lab.close();
        try {
            lab.create();
        } catch (IOException | InterruptedException | RuntimeException e) {
            lab.close();
            throw e;
        }
        return lab;
    }

    private void create() throws IOException, InterruptedException {
        String c = client;
        String r = router;
        String s = server;
        List<String> script = new ArrayList<>(List.of(
                "ip netns add " + c, "ip netns add " + r, "ip netns add " + s,
                "ip -n " + c + " link add c0 type veth peer name r0 netns " + r,
                "ip -n " + r + " link add r1 type veth peer name s0 netns " + s,
                "ip -n " + r + " link set r1 mtu " + SERVER_LINK_MTU,
                "ip -n " + s + " link set s0 mtu " + SERVER_LINK_MTU,
                "ip -n " + c + " addr add 10.201.1.2/24 dev c0",
                "ip -n " + c + " addr add fd00:201:1::2/64 dev c0 nodad",
                "ip -n " + r + " addr add 10.201.1.1/24 dev r0",
                "ip -n " + r + " addr add fd00:201:1::1/64 dev r0 nodad",
                "ip -n " + r + " addr add 10.201.2.1/24 dev r1",
                "ip -n " + r + " addr add fd00:201:2::1/64 dev r1 nodad",
                "ip -n " + s + " addr add 10.201.2.2/24 dev s0",
                "ip -n " + s + " addr add " + SERVER_V4_SPARE + "/24 dev s0",
                "ip -n " + s + " addr add fd00:201:2::2/64 dev s0 nodad"));
        for (String[] nsDevs : new String[][] {{c, "c0"}, {r, "r0"}, {r, "r1"}, {s, "s0"}}) {
            script.add("ip -n " + nsDevs[0] + " link set " + nsDevs[1] + " up");
        }
        for (String ns : List.of(c, r, s)) {
            script.add("ip -n " + ns + " link set lo up");
        }
        script.addAll(List.of(
                "ip -n " + c + " route add default via 10.201.1.1",
                "ip -n " + c + " -6 route add default via fd00:201:1::1",
                "ip -n " + s + " route add default via 10.201.2.1",
                "ip -n " + s + " -6 route add default via fd00:201:2::1",
                "ip netns exec " + r + " sysctl -qw net.ipv4.ip_forward=1",
                "ip netns exec " + r + " sysctl -qw net.ipv6.conf.all.forwarding=1",
                "ip netns exec " + r + " iptables -t mangle -A FORWARD -p tcp --tcp-flags SYN,RST SYN"
                        + " -m multiport --ports " + CLAMPED_PORT + " -j TCPMSS --set-mss " + CLAMP_MSS,
                "ip netns exec " + r + " iptables -A FORWARD -p tcp --dport " + BLACKHOLED_PORT + " -j DROP",
                "ip netns exec " + r + " ip6tables -A FORWARD -p tcp --dport " + BLACKHOLED_PORT + " -j DROP"));
        for (String line : script) {
            run(line);
        }
    }

    /** Sets (or with null, removes) the advmss of the server's routes back to the client. */
    void serverAdvmss(Integer advmss) throws IOException, InterruptedException {
        String suffix = advmss == null ? "" : " advmss " + advmss;
        run("ip -n " + server + " route replace default via 10.201.2.1" + suffix);
    }

    /** Output of a command that must succeed. */
    static String output(String command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder("sh", "-c", command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IOException("`" + command + "` failed: " + output.strip());
        }
        return output;
    }

    static void run(String command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder("sh", "-c", command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IOException("`" + command + "` failed: " + output.strip());
        }
    }

    @Override
    public void close() {
        for (String ns : List.of(client, router, server)) {
            try {
                // Deleting one that was never made (build failed half-way) is fine, hence `|| true`.
                run("ip netns del " + ns + " 2>/dev/null || true");
            } catch (IOException e) {
                // Best effort: a namespace that cannot be deleted is reported by the next build().
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
