package io.pmtuwatch.probe.trace;

import io.pmtuwatch.diagnosis.DiagnosisContext;
import io.pmtuwatch.diagnosis.PathDiagnoser;
import io.pmtuwatch.lab.ChainSpec;
import io.pmtuwatch.lab.Family;
import io.pmtuwatch.lab.Lab;
import io.pmtuwatch.lab.LabCache;
import io.pmtuwatch.schemas.Agent;
import io.pmtuwatch.schemas.HopObservation;
import io.pmtuwatch.schemas.PathDiagnosis;
import io.pmtuwatch.schemas.Transport;
import java.net.InetAddress;
import java.util.List;
import java.util.Optional;

/** Test helper: one lab per topology for a whole test class, and a trace + diagnosis from its agent. */
final class LabTraces implements AutoCloseable {

    private final LabCache labs = new LabCache();

    Lab lab(ChainSpec spec) {
        return labs.lab(spec);
    }

    static Traced trace(Lab lab, Family family, TraceSettings settings) throws Exception {
        InetAddress target = InetAddress.getByName(lab.truth().serverAddress(family));
        TraceRun run = lab.agent().call(() -> new PathTracer(settings).trace(target));
        return diagnosed(run, target, lab.truth().tcpPort());
    }

    /** The run's observations and their diagnosis, as the agent would publish and the topology diagnose them. */
    static Traced diagnosed(TraceRun run, InetAddress target, int tcpPort) {
        TraceIdentity identity = new TraceIdentity(Agent.newBuilder().setId("lab-agent").build(),
                AddressText.of(target), target, tcpPort, Transport.TCP);
        List<HopObservation> observations = TraceObservations.of(run, identity, TraceObservations.newRunId());
        PathDiagnosis diagnosis = new PathDiagnoser().diagnose(observations, Optional.empty(),
                DiagnosisContext.completeRun());
        return new Traced(run, observations, diagnosis);
    }

    record Traced(TraceRun run, List<HopObservation> observations, PathDiagnosis diagnosis) {
        @Override
        public String toString() {
            StringBuilder b = new StringBuilder();
            b.append("probes=").append(run.probesSent()).append(" ms=").append(run.elapsedMillis())
                    .append(" notes=").append(run.notes()).append('\n');
            for (HopObservation o : observations) {
                b.append(String.format("  #%d %s%s %s ttl=%d size=%d %s %s mtu=%s rtt=%s %s%n", o.getSequence(),
                        o.getFlow() == null ? "" : "flow " + o.getFlow() + " ", o.getPhase(), o.getMethod(), o.getTtl(), o.getProbeSize(), o.getOutcome(), o.getResponder(),
                        o.getReportedMtu(), o.getRttMicros(), o.getInvalidReason() == null ? "" : o.getInvalidReason()));
            }
            b.append("diagnosis: pmtu=").append(diagnosis.getPmtu()).append(' ').append(diagnosis.getPmtuSource())
                    .append(" drops=").append(diagnosis.getMtuDrops()).append(" blackHole=")
                    .append(diagnosis.getBlackHole()).append(" findings=").append(diagnosis.getFindings());
            return b.toString();
        }
    }

    @Override
    public void close() {
        labs.close();
    }
}
