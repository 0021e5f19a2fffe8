package io.pmtuwatch.demo;

import io.pmtuwatch.lab.ChainSpec;
import io.pmtuwatch.lab.EcmpLab;
import io.pmtuwatch.lab.TcpListener;
import io.pmtuwatch.lab.Family;
import io.pmtuwatch.lab.Lab;
import io.pmtuwatch.probe.agent.AgentConfig;
import io.pmtuwatch.probe.agent.IpPreference;
import io.pmtuwatch.probe.agent.NamespaceRunner;
import io.pmtuwatch.probe.agent.ProbeAgent;
import io.pmtuwatch.probe.agent.TargetSpec;
import io.pmtuwatch.probe.agent.TracerPathProber;
import io.pmtuwatch.probe.handshake.MssMode;
import io.pmtuwatch.probe.kafka.ObservationPublisher;
import io.pmtuwatch.probe.trace.TraceSettings;
import io.pmtuwatch.schemas.Topics;
import io.pmtuwatch.schemas.Transport;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The demo's lab: one namespace chain per {@link DemoPaths.DemoPath}, each with its own probe agent
 * (its own vantage point) probing the chain's server continuously. Closing stops the agents and
 * deletes every namespace.
 */
final class LabFleet implements AutoCloseable {

    /** Where a demo path's agent stands and what it probes. */
    private record Built(String server, int port, String agentNamespace) {
    }

    static final int ECMP_PORT = 8080;

    private final List<AutoCloseable> labs = new ArrayList<>();
    private final List<ProbeAgent> agents = new ArrayList<>();

    static LabFleet start(List<DemoPaths.DemoPath> paths, String bootstrapServers, ObservationPublisher publisher,
                          Duration interval, PrintStream progress) {
        LabFleet fleet = new LabFleet();
        try {
            Map<ChainSpec, Lab> built = new java.util.IdentityHashMap<>();
            for (DemoPaths.DemoPath path : paths) {
                Built where;
                if (path.isEcmp()) {
                    where = fleet.ecmp();
                } else {
                    // Paths of one spec share its lab: their agents stand in the same network.
                    Lab lab = built.get(path.spec());
                    if (lab == null) {
                        lab = Lab.build(path.spec());
                        built.put(path.spec(), lab);
                        fleet.labs.add(lab);
                    }
                    where = new Built(lab.truth().serverAddress(path.family()), lab.truth().tcpPort(),
                            lab.agentNamespace());
                }
                String server = where.server();
                progress.printf("  lab %-24s %-8s agent %s -> %s:%d  (%s)%n", path.labName(),
                        path.family() == Family.V6 ? "IPv6" : "IPv4", path.agentId(), server,
                        where.port(), path.shows());
                AgentConfig config = new AgentConfig(path.agentId(), path.labName(), "namespace lab",
                        bootstrapServers, null, 1, 0.1, Duration.ofSeconds(3), MssMode.AUTO,
                        Topics.HOP_OBSERVATIONS, Topics.HANDSHAKE_OBSERVATIONS, Duration.ofSeconds(10), true, Map.of());
                TargetSpec target = new TargetSpec(server, where.port(), Transport.TCP,
                        path.family() == Family.V6 ? IpPreference.V6 : IpPreference.V4, interval,
                        where.agentNamespace(), 0, new TargetSpec.ReturnPathSpec(path.returnPath(), "/"), path.probe());
                ProbeAgent agent = new ProbeAgent(config, List.of(target), new TracerPathProber(TraceSettings.defaults()),
                        publisher, NamespaceRunner.LINUX);
                fleet.agents.add(agent);
            }
            fleet.agents.forEach(ProbeAgent::start);
            return fleet;
        } catch (RuntimeException e) {
            fleet.close();
            throw e;
        }
    }

    /** The ECMP lab with a TCP listener on its server (the agent's runs start with a handshake). */
    private Built ecmp() {
        EcmpLab lab = EcmpLab.build(false);
        labs.add(lab);
        try {
            labs.add(0, TcpListener.start(lab.server(), ECMP_PORT)); // closed before its namespace goes
        } catch (Exception e) {
            throw new IllegalStateException("cannot listen on the ECMP lab's server: " + e, e);
        }
        return new Built(EcmpLab.SERVER, ECMP_PORT, lab.agentNamespace());
    }

    @Override
    public void close() {
        agents.forEach(ProbeAgent::shutdown);
        for (AutoCloseable lab : labs) {
            try {
                lab.close();
            } catch (Exception e) {
                // keep deleting the others
            }
        }
    }
}
