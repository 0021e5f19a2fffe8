package io.pmtuwatch.lab;

import io.pmtuwatch.linux.NetNamespace;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Two equal-cost members between r1 and r3 (needs root), IPv4:
 * <pre>
 *   agent - r1 =(a) r2a -[1400]- r3 - server
 *              =(b) r2b -[1500]- r3
 * </pre>
 * r1 balances per flow with a multipath default route and the L4 hash
 * ({@code net.ipv4.fib_multipath_hash_policy=1}): each source port keeps to one member. r2a sends
 * frag-needed for its 1400 link unless {@code narrowMemberDropsPtb}, then member a is a black hole.
 * r3 answers the agent via member b. TTLs: r1 1, r2a/r2b 2, r3 3, server 4. No ICMP rate limits.
 */
public final class EcmpLab implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EcmpLab.class);
    public static final String R1 = "10.0.0.2";
    /** r2a, in front of the 1400 link, as it answers the agent. */
    public static final String NARROW_ROUTER = "10.0.11.2";
    public static final String WIDE_ROUTER = "10.0.21.2";
    public static final String R3 = "10.0.22.2";
    public static final String SERVER = "10.0.3.2";
    public static final int NARROW_MTU = 1400;

    private final List<String> namespaces;
    private Thread hook;
    private boolean closed;

    private EcmpLab(List<String> namespaces) {
        this.namespaces = namespaces;
    }

    public static EcmpLab build(boolean narrowMemberDropsPtb) {
        String labId = LabNames.newLabId();
        List<String> ns = new ArrayList<>();
        for (String role : List.of("agent", "r1", "r2a", "r2b", "r3", "server")) {
            ns.add(LabNames.namespace(labId, role));
        }
        EcmpLab lab = new EcmpLab(ns);
        lab.hook = new Thread(lab::close, "ecmp-lab-teardown");
        Runtime.getRuntime().addShutdownHook(lab.hook);
        try {
            Shell.run(script(ns, narrowMemberDropsPtb));
        } catch (RuntimeException e) {
            lab.close();
            throw e instanceof LabException le ? le : new LabException("cannot build the ECMP lab: " + e, e);
        }
        LOG.info("ECMP lab {} up", labId);
        return lab;
    }

    /** The shell lines; pure, so the set-up can be read without root. */
    static List<String> script(List<String> ns, boolean narrowMemberDropsPtb) {
        String agent = ns.get(0);
        String r1 = ns.get(1);
        String r2a = ns.get(2);
        String r2b = ns.get(3);
        String r3 = ns.get(4);
        String server = ns.get(5);
        List<String> out = new ArrayList<>();
        for (String n : ns) {
            out.add("ip netns add " + n);
            out.add("ip -n " + n + " link set lo up");
            out.add("ip netns exec " + n + " sysctl -qw net.ipv4.ip_forward=1");
        }
        out.add("ip netns exec " + agent + " sysctl -qw net.ipv4.ping_group_range='0 2147483647'");
        out.add("ip netns exec " + r1 + " sysctl -qw net.ipv4.fib_multipath_hash_policy=1");
        // Many flows per run, several runs in a row: without ICMP rate limits the test needs no
        // pauses (the tracer's handling of rate limits is covered by the other labs and the simulator).
        for (String n : ns) {
            out.add("ip netns exec " + n + " sysctl -qw net.ipv4.icmp_ratelimit=0");
        }
        link(out, agent, "right", "10.0.0.1", r1, "left", "10.0.0.2", 1500);
        link(out, r1, "ra", "10.0.11.1", r2a, "left", "10.0.11.2", 1500);
        link(out, r2a, "right", "10.0.12.1", r3, "la", "10.0.12.2", NARROW_MTU);
        link(out, r1, "rb", "10.0.21.1", r2b, "left", "10.0.21.2", 1500);
        link(out, r2b, "right", "10.0.22.1", r3, "lb", "10.0.22.2", 1500);
        link(out, r3, "right", "10.0.3.1", server, "left", "10.0.3.2", 1500);
        out.add("ip -n " + agent + " route add default via 10.0.0.2");
        out.add("ip -n " + r1 + " route add default nexthop via 10.0.11.2 weight 1 nexthop via 10.0.21.2 weight 1");
        out.add("ip -n " + r2a + " route add default via 10.0.12.2");
        out.add("ip -n " + r2a + " route add 10.0.0.0/24 via 10.0.11.1");
        out.add("ip -n " + r2b + " route add default via 10.0.22.2");
        out.add("ip -n " + r2b + " route add 10.0.0.0/24 via 10.0.21.1");
        out.add("ip -n " + r3 + " route add default via 10.0.3.2");
        out.add("ip -n " + r3 + " route add 10.0.0.0/24 via 10.0.22.1");
        out.add("ip -n " + server + " route add default via 10.0.3.1");
        if (narrowMemberDropsPtb) {
            out.add("ip netns exec " + r2a + " iptables -A OUTPUT -p icmp --icmp-type fragmentation-needed -j DROP");
        }
        return out;
    }

    private static void link(List<String> out, String left, String leftIf, String leftAddress, String right,
            String rightIf, String rightAddress, int mtu) {
        out.add("ip -n " + left + " link add " + leftIf + " type veth peer name " + rightIf + " netns " + right);
        out.add("ip -n " + left + " link set " + leftIf + " mtu " + mtu + " up");
        out.add("ip -n " + right + " link set " + rightIf + " mtu " + mtu + " up");
        out.add("ip -n " + left + " addr add " + leftAddress + "/24 dev " + leftIf);
        out.add("ip -n " + right + " addr add " + rightAddress + "/24 dev " + rightIf);
    }

    public NetNamespace agent() {
        return NetNamespace.named(namespaces.get(0));
    }

    /** Runs a shell command in the agent's namespace and returns its output. */
    public String execInAgent(String command) {
        return Shell.capture("ip netns exec " + namespaces.get(0) + " " + command);
    }

    public String agentNamespace() {
        return namespaces.get(0);
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            Shell.runIgnoringErrors(ChainScript.teardown(namespaces));
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // already shutting down: this is the hook
            }
        }
    }
}
