package io.pmtuwatch.probe.trace;

import io.pmtuwatch.diagnosis.DiagnosisContext;
import io.pmtuwatch.diagnosis.PathDiagnoser;
import io.pmtuwatch.probe.sim.SimulatedPath;
import io.pmtuwatch.schemas.Agent;
import io.pmtuwatch.schemas.HopObservation;
import io.pmtuwatch.schemas.PathDiagnosis;
import io.pmtuwatch.schemas.Transport;
import java.net.InetAddress;
import java.util.List;
import java.util.Optional;

/** Test helper: a trace over a {@link SimulatedPath}, its observations and diagnosis. */
final class SimulatedTraces {

    private SimulatedTraces() {
    }

    static Traced trace(SimulatedPath path, String target, TraceSettings settings) throws Exception {
        InetAddress address = InetAddress.getByName(target);
        TraceRun run = new PathTracer(settings, path).trace(address);
        TraceIdentity identity = new TraceIdentity(Agent.newBuilder().setId("sim-agent").build(),
                AddressText.of(address), address, 443, Transport.TCP);
        List<HopObservation> observations = TraceObservations.of(run, identity, TraceObservations.newRunId());
        PathDiagnosis diagnosis = new PathDiagnoser().diagnose(observations, Optional.empty(),
                DiagnosisContext.completeRun());
        return new Traced(run, observations, diagnosis);
    }

    record Traced(TraceRun run, List<HopObservation> observations, PathDiagnosis diagnosis) {
        @Override
        public String toString() {
            StringBuilder b = new StringBuilder();
            b.append("probes=").append(run.probesSent()).append(" notes=").append(run.notes()).append('\n');
            for (HopObservation o : observations) {
                b.append(String.format("  #%d %s %s ttl=%d size=%d %s %s mtu=%s %s%n", o.getSequence(), o.getPhase(),
                        o.getMethod(), o.getTtl(), o.getProbeSize(), o.getOutcome(), o.getResponder(),
                        o.getReportedMtu(), o.getInvalidReason() == null ? "" : o.getInvalidReason()));
            }
            b.append("diagnosis: pmtu=").append(diagnosis.getPmtu()).append(" drops=").append(diagnosis.getMtuDrops())
                    .append(" blackHole=").append(diagnosis.getBlackHole()).append(" findings=")
                    .append(diagnosis.getFindings());
            return b.toString();
        }
    }
}
