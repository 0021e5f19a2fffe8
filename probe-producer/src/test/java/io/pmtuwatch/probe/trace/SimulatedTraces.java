package io.pmtuwatch.probe.trace;

import io.pmtuwatch.probe.sim.SimulatedPath;
import java.net.InetAddress;

/** Test helper: a trace over a {@link SimulatedPath}, its observations and diagnosis. */
final class SimulatedTraces {

    private SimulatedTraces() {
    }

    static LabTraces.Traced trace(SimulatedPath path, String target, TraceSettings settings) throws Exception {
        InetAddress address = InetAddress.getByName(target);
        return LabTraces.diagnosed(new PathTracer(settings, path).trace(address), address, 443);
    }
}
