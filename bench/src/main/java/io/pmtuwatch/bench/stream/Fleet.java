package io.pmtuwatch.bench.stream;

import io.pmtuwatch.schemas.Agent;
import io.pmtuwatch.schemas.HopObservation;
import io.pmtuwatch.schemas.HopOutcome;
import io.pmtuwatch.schemas.IpVersion;
import io.pmtuwatch.schemas.PathIds;
import io.pmtuwatch.schemas.Target;
import io.pmtuwatch.schemas.Transport;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A large synthetic fleet for scale runs and the path view's test: {@code agents x targets} paths,
 * each run as short as a real healthy one-hop run (one observation), with a mix of problems: every
 * 10th path crosses a 1400-byte tunnel with a full-size MSS (WARNING), every 97th is a DNS server
 * behind a 552-byte link (CRITICAL), the rest are healthy. Deterministic: path n is always the same.
 */
public final class Fleet {

    private final int agents;
    private final int targets;

    public Fleet(int agents, int targets) {
        this.agents = agents;
        this.targets = targets;
    }

    /** A fleet of about {@code paths} paths: 100 targets per agent, as a fleet of many agents and a common target list. */
    public static Fleet ofPaths(int paths) {
        int targets = Math.min(paths, 100);
        return new Fleet(Math.max(1, (paths + targets - 1) / targets), targets);
    }

    public int paths() {
        return agents * targets;
    }

    public int agents() {
        return agents;
    }

    public int targets() {
        return targets;
    }

    /** Path n's run in round {@code round}, every observation stamped {@code at}. */
    public Workload.Run run(int n, int round, Instant at) {
        int a = n / targets;
        int t = n % targets;
        Agent agent = Agent.newBuilder().setId("fleet-agent-" + a).setName("Fleet agent " + a).setLocation("site " + a % 50)
                .build();
        boolean dns = n % 97 == 0;
        boolean tunnel = !dns && n % 10 == 0;
        boolean tcp = tunnel;
        Target target = Target.newBuilder().setHost("t" + t + ".fleet.example")
                .setAddress("198.18." + t / 250 + "." + t % 250)
                .setPort(tcp ? 443 : dns ? 53 : 33434).setIpVersion(IpVersion.IPV4)
                .setTransport(tcp ? Transport.TCP : Transport.UDP).build();
        String pathId = PathIds.of(agent.getId(), target);
        String runId = "fleet-" + round + "-" + n;
        List<HopObservation> hops = new ArrayList<>(3);
        int size = 1500;
        if (dns || tunnel) {
            int mtu = dns ? 552 : 1400;
            String router = "100.64." + (dns ? 1 : 0) + "." + (1 + a % 200);
            hops.add(Workload.hop(pathId, runId, 0, agent, target, 1, size, HopOutcome.PACKET_TOO_BIG, router, mtu, at));
            size = mtu;
            hops.add(Workload.hop(pathId, runId, 1, agent, target, 1, size, HopOutcome.TIME_EXCEEDED, router, null, at));
        }
        HopObservation last = Workload.hop(pathId, runId, hops.size(), agent, target, hops.isEmpty() ? 1 : 2, size,
                HopOutcome.DESTINATION_REACHED, target.getAddress(), null, at);
        last.setLastInRun(true);
        last.setRunProbeCount(hops.size() + 1);
        hops.add(last);
        return new Workload.Run(pathId, tcp ? Workload.handshake(pathId, runId, agent, target, a, t, at) : null, hops);
    }
}
