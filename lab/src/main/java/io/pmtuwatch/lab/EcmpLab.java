package io.pmtuwatch.lab;

import io.pmtuwatch.linux.NetNamespace;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Two equal-cost members (needs root), IPv4:
 * <pre>
 *   agent =(a) r1a -[1400]- r2 - server
 *         =(b) r1b -[1500]- r2
 * </pre>
 * The agent's default route is a Linux multipath route with the per-flow L4 hash
 * ({@code net.ipv4.fib_multipath_hash_policy=1}) and a fixed seed, from one source address on a
 * the loopback interface: each source port keeps to one member, the same one in every lab. The split is
 * in the agent because a router namespace behind a veth would not hash the headers: the kernel
 * reuses the hash the sending socket put on the packet, random per socket (a lab artefact; real
 * routers hash the headers). r1a sends frag-needed for its 1400 link unless
 * {@code narrowMemberDropsPtb}, then member a is a black hole. r2 answers the agent via member b.
 * TTLs: r1a/r1b 1, r2 2, server 3. No ICMP rate limits.
 *
 * <p>A host-side artefact to know: after a packet-too-big, Linux looks the connected probe socket's
 * route up again without its ports (to store the new PMTU) and keeps that route, so the rest of
 * the flow may take the other member. The member's PMTU and router come from the packet-too-big and
 * stay right; its hop list may mix members.
 */
public final class EcmpLab implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EcmpLab.class);
    public static final String AGENT = "10.0.0.1";
    /** r1a, in front of the 1400 link, as it answers the agent. */
    public static final String NARROW_ROUTER = "10.0.1.2";
    public static final String WIDE_ROUTER = "10.0.2.2";
    public static final String R2 = "10.0.21.2";
    public static final String SERVER = "10.0.3.2";
    public static final int NARROW_MTU = 1400;
    /**
     * The per-flow hash seed (net.ipv4.fib_multipath_hash_seed, Linux 6.11 and later): fixed, so
     * which member each source port takes is the same in every lab, and a test checks the tracer, not
     * the luck of a random seed. With seed 2 the tracer's first flow towards the server takes the
     * wide member and its second the narrow one; with 3 the other way round. Older kernels ignore it
     * (random seed).
     */
    public static final int HASH_SEED = 2;

    private final List<String> namespaces;
    private Thread hook;
    private boolean closed;

    private EcmpLab(List<String> namespaces) {
        this.namespaces = namespaces;
    }

    public static EcmpLab build(boolean narrowMemberDropsPtb) {
        return build(narrowMemberDropsPtb, HASH_SEED);
    }

    public static EcmpLab build(boolean narrowMemberDropsPtb, int hashSeed) {
        String labId = LabNames.newLabId();
        List<String> ns = new ArrayList<>();
        for (String role : List.of("agent", "r1a", "r1b", "r2", "server")) {
            ns.add(LabNames.namespace(labId, role));
        }
        EcmpLab lab = new EcmpLab(ns);
        lab.hook = new Thread(lab::close, "ecmp-lab-teardown");
        Runtime.getRuntime().addShutdownHook(lab.hook);
        try {
            Shell.run(script(ns, narrowMemberDropsPtb, hashSeed));
        } catch (RuntimeException e) {
            lab.close();
            throw e instanceof LabException le ? le : new LabException("cannot build the ECMP lab: " + e, e);
        }
        LOG.info("ECMP lab {} up", labId);
        return lab;
    }

    /** The shell lines; pure, so the set-up can be read without root. */
    static List<String> script(List<String> ns, boolean narrowMemberDropsPtb, int hashSeed) {
        String agent = ns.get(0);
        String r1a = ns.get(1);
        String r1b = ns.get(2);
        String r2 = ns.get(3);
        String server = ns.get(4);
        List<String> out = new ArrayList<>();
        for (String n : ns) {
            out.add("ip netns add " + n);
            out.add("ip -n " + n + " link set lo up");
            // Many flows per run, several runs in a row: without ICMP rate limits the test needs no
            // pauses (the tracer's handling of rate limits is covered by the other labs and the simulator).
            out.add("ip netns exec " + n + " sysctl -qw net.ipv4.ip_forward=1 net.ipv4.icmp_ratelimit=0"
                    + " net.ipv4.conf.all.rp_filter=0 net.ipv4.conf.default.rp_filter=0");
        }
        out.add("ip netns exec " + agent + " sysctl -qw net.ipv4.ping_group_range='0 2147483647'"
                + " net.ipv4.fib_multipath_hash_policy=1");
        out.add("ip netns exec " + agent + " sysctl -qw net.ipv4.fib_multipath_hash_seed=" + hashSeed
                + " 2>/dev/null || true");
        // The source address sits on lo (no dummy devices everywhere), whose MTU is then the 1500 of
        // the uplinks: the tracer starts at the MTU of the interface holding its source address.
        out.add("ip -n " + agent + " link set lo mtu 1500");
        out.add("ip -n " + agent + " addr add " + AGENT + "/32 dev lo");
        link(out, agent, "ra", "10.0.1.1", r1a, "left", "10.0.1.2", 1500);
        link(out, agent, "rb", "10.0.2.1", r1b, "left", "10.0.2.2", 1500);
        link(out, r1a, "right", "10.0.11.1", r2, "la", "10.0.11.2", NARROW_MTU);
        link(out, r1b, "right", "10.0.21.1", r2, "lb", "10.0.21.2", 1500);
        link(out, r2, "right", "10.0.3.1", server, "left", "10.0.3.2", 1500);
        out.add("ip -n " + agent + " route add default src " + AGENT
                + " nexthop via 10.0.1.2 dev ra weight 1 nexthop via 10.0.2.2 dev rb weight 1");
        out.add("ip -n " + r1a + " route add default via 10.0.11.2");
        out.add("ip -n " + r1a + " route add " + AGENT + "/32 via 10.0.1.1");
        out.add("ip -n " + r1b + " route add default via 10.0.21.2");
        out.add("ip -n " + r1b + " route add " + AGENT + "/32 via 10.0.2.1");
        out.add("ip -n " + r2 + " route add default via 10.0.3.2");
        out.add("ip -n " + r2 + " route add " + AGENT + "/32 via 10.0.21.1");
        out.add("ip -n " + server + " route add default via 10.0.3.1");
        if (narrowMemberDropsPtb) {
            out.add("ip netns exec " + r1a + " iptables -A OUTPUT -p icmp --icmp-type fragmentation-needed -j DROP");
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

    public NetNamespace server() {
        return NetNamespace.named(namespaces.get(4));
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
