package io.pmtuwatch.probe.trace;

import java.net.InetAddress;
import java.util.Arrays;

/**
 * Source ports of a run's ECMP flows. With exploration on, they are the same in every run towards
 * the same target and port, so a per-flow hash puts each flow on the same member run after run: the
 * members a run sees do not change from one run to the next (no OK / MTU_DROP flapping). A fixed
 * {@code sourcePort} (tests) numbers the flows from it; with one flow and none fixed, the kernel
 * picks a random port as before.
 */
final class FlowPorts {

    static final int EADDRINUSE = 98;
    /** Above the ephemeral range most stacks use (Linux: 32768-60999), below 65536 with room for the flows. */
    private static final int BASE = 61_000;
    private static final int SPREAD = 4_000;
    static final int MAX_FLOWS = 64;

    private FlowPorts() {
    }

    static int sourcePort(TraceSettings settings, InetAddress target, int flow) {
        if (settings.sourcePort() != 0) {
            return settings.sourcePort() + flow;
        }
        if (settings.flows() <= 1) {
            return 0;
        }
        int hash = Arrays.hashCode(target.getAddress()) * 31 + settings.destinationPort();
        return BASE + Math.floorMod(hash * 0x9E3779B1, SPREAD) + flow;
    }
}
