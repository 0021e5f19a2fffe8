package io.pmtuwatch.lab;

import io.pmtuwatch.linux.NetNamespace;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A built chain topology in its own network namespaces (needs root). Close it to delete everything;
 * a JVM shutdown hook closes what a crashed caller forgot, and the next run removes namespaces
 * whose process died before either could.
 */
public final class Lab implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Lab.class);

    private final ChainSpec spec;
    private final List<String> namespaces;
    private final GroundTruth truth;
    private TcpListener listener;
    private boolean closed;

    private Lab(ChainSpec spec, List<String> namespaces) {
        this.spec = spec;
        this.namespaces = List.copyOf(namespaces);
        this.truth = GroundTruth.of(spec);
    }

    /** Builds {@code spec}; on any failure deletes what was made and rethrows. */
    public static Lab build(ChainSpec spec) {
        String labId = LabNames.newLabId();
        List<String> names = new ArrayList<>();
        names.add(LabNames.namespace(labId, "agent"));
        for (int r = 1; r <= spec.routerCount(); r++) {
            names.add(LabNames.namespace(labId, "r" + r));
        }
        names.add(LabNames.namespace(labId, "server"));
        Lab lab = new Lab(spec, names);
        OpenLabs.register(lab);
        long start = System.nanoTime();
        try {
            Shell.run(new ChainScript(spec, names).lines());
            lab.listener = TcpListener.start(lab.server(), spec.tcpPort());
        } catch (Exception e) {
            lab.close();
            throw e instanceof LabException le ? le : new LabException("cannot build lab " + spec.name() + ": " + e, e);
        }
        LOG.info("lab {} ({}) up in {} ms", spec.name(), labId, (System.nanoTime() - start) / 1_000_000);
        return lab;
    }

    public ChainSpec spec() {
        return spec;
    }

    public GroundTruth truth() {
        return truth;
    }

    public String agentNamespace() {
        return namespaces.get(0);
    }

    public String serverNamespace() {
        return namespaces.get(namespaces.size() - 1);
    }

    /** Namespace of router {@code k} (TTL k from the agent). */
    public String routerNamespace(int k) {
        if (k < 1 || k > spec.routerCount()) {
            throw new IllegalArgumentException("no router " + k + " in " + spec.name());
        }
        return namespaces.get(k);
    }

    public NetNamespace agent() {
        return NetNamespace.named(agentNamespace());
    }

    public NetNamespace server() {
        return NetNamespace.named(serverNamespace());
    }

    public NetNamespace router(int k) {
        return NetNamespace.named(routerNamespace(k));
    }

    public List<String> namespaces() {
        return namespaces;
    }

    /** Runs a shell command inside node {@code node}'s namespace (0 = agent) and returns its output. */
    public String exec(int node, String command) {
        return Shell.capture("ip netns exec " + namespaces.get(node) + " " + command);
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (listener != null) {
            listener.close();
        }
        Shell.runIgnoringErrors(ChainScript.teardown(namespaces));
        OpenLabs.unregister(this);
    }

    @Override
    public String toString() {
        return "lab " + spec.name() + " " + namespaces;
    }
}
