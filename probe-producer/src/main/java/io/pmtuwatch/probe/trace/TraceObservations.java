package io.pmtuwatch.probe.trace;

import io.pmtuwatch.schemas.HopObservation;
import io.pmtuwatch.schemas.HopOutcome;
import io.pmtuwatch.schemas.Origin;
import io.pmtuwatch.schemas.ProbeMethod;
import io.pmtuwatch.schemas.ProbePhase;
import io.pmtuwatch.schemas.Target;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Turns a {@link TraceRun} into the run's {@link HopObservation}s: one per probe (its answer, or
 * NO_REPLY), then one per rejected answer (with its invalidReason, so they are counted and never
 * lower a PMTU). Sequences number the observations; the last carries lastInRun and runProbeCount.
 */
public final class TraceObservations {

    private TraceObservations() {
    }

    public static List<HopObservation> of(TraceRun run, TraceIdentity identity, String runId) {
        Target target = identity.target();
        String pathId = identity.pathId();
        List<HopObservation.Builder> builders = new ArrayList<>();
        boolean flows = run.probes().stream().anyMatch(p -> p.flow() > 0);
        for (SentProbe probe : run.probes()) {
            Optional<ProbeAnswer> answer = run.answerTo(probe).filter(a -> !a.localError());
            HopObservation.Builder b = base(identity, target, pathId, runId, run, probe.phase(), probe.method(),
                    probe.ttl(), probe.size(), probe.sentAtMillis());
            flowOf(b, Optional.of(probe), flows);
            if (answer.isPresent()) {
                ProbeAnswer a = answer.get();
                b.setOutcome(a.outcome()).setResponder(a.responder()).setReportedMtu(a.reportedMtu())
                        .setRttMicros(a.rttMicros().orElse(null));
            } else {
                b.setOutcome(HopOutcome.NO_REPLY);
            }
            builders.add(b);
        }
        for (ProbeAnswer rejected : run.rejected()) {
            ProbePhase phase = rejected.probe().map(SentProbe::phase).orElse(ProbePhase.UNKNOWN);
            ProbeMethod method = rejected.probe().map(SentProbe::method).orElse(ProbeMethod.UNKNOWN);
            int ttl = rejected.probe().map(SentProbe::ttl).orElse(0);
            int size = rejected.probe().map(SentProbe::size).orElse(0);
            long at = rejected.probe().map(SentProbe::sentAtMillis).orElse(run.startedAtMillis());
            builders.add(flowOf(base(identity, target, pathId, runId, run, phase, method, ttl, size, at),
                    rejected.probe(), flows)
                    .setOutcome(rejected.outcome())
                    .setResponder(rejected.responder())
                    .setReportedMtu(rejected.reportedMtu())
                    .setInvalidReason(rejected.invalidReason()));
        }
        List<HopObservation> out = new ArrayList<>();
        for (int i = 0; i < builders.size(); i++) {
            HopObservation.Builder b = builders.get(i).setSequence(i);
            if (i == builders.size() - 1) {
                b.setLastInRun(true).setRunProbeCount(builders.size());
            }
            out.add(b.build());
        }
        return out;
    }

    /** Flow identity: the source port when known, the flow index when the run explored several. */
    private static HopObservation.Builder flowOf(HopObservation.Builder b, Optional<SentProbe> probe, boolean flows) {
        probe.filter(p -> p.sourcePort() > 0).ifPresent(p -> b.setSourcePort(p.sourcePort()));
        probe.filter(p -> flows).ifPresent(p -> b.setFlow(p.flow()));
        return b;
    }

    public static String newRunId() {
        return UUID.randomUUID().toString();
    }

    private static HopObservation.Builder base(TraceIdentity identity, Target target, String pathId, String runId,
            TraceRun run, ProbePhase phase, ProbeMethod method, int ttl, int size, long atMillis) {
        return HopObservation.newBuilder()
                .setPathId(pathId)
                .setRunId(runId)
                .setSequence(0)
                .setAgent(identity.agent())
                .setTarget(target)
                .setPhase(phase)
                .setMethod(method)
                .setTtl(ttl)
                .setProbeSize(size)
                .setOutcome(HopOutcome.OTHER)
                .setLocalMtu(run.localMtu())
                .setTimestamp(Instant.ofEpochMilli(atMillis))
                .setOrigin(Origin.ACTIVE)
                .setLastInRun(false);
    }
}
