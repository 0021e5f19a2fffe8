package io.pmtuwatch.probe.agent;

import io.pmtuwatch.probe.trace.TraceIdentity;
import io.pmtuwatch.schemas.HopObservation;
import io.pmtuwatch.schemas.HopOutcome;
import io.pmtuwatch.schemas.Origin;
import io.pmtuwatch.schemas.ProbeMethod;
import io.pmtuwatch.schemas.ProbePhase;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/** A {@link PathProber} that answers with a fixed number of hops and remembers what it returned. */
final class FakeTracer implements PathProber {

    final ConcurrentLinkedQueue<List<HopObservation>> returned = new ConcurrentLinkedQueue<>();
    private final int hops;

    FakeTracer(int hops) {
        this.hops = hops;
    }

    @Override
    public List<HopObservation> trace(TraceIdentity identity, String runId) {
        List<HopObservation> out = new ArrayList<>();
        Instant now = Instant.ofEpochMilli(System.currentTimeMillis());
        for (int i = 0; i < hops; i++) {
            boolean last = i == hops - 1;
            out.add(HopObservation.newBuilder().setPathId(identity.pathId()).setRunId(runId).setSequence(i)
                    .setAgent(identity.agent()).setTarget(identity.target()).setPhase(ProbePhase.HOP_TRACE)
                    .setMethod(ProbeMethod.UDP).setTtl(i + 1).setProbeSize(1500)
                    .setOutcome(last ? HopOutcome.DESTINATION_REACHED : HopOutcome.TIME_EXCEEDED)
                    .setResponder("10.9." + i + ".1").setRttMicros(50L * (i + 1)).setLocalMtu(1500)
                    .setTimestamp(now).setOrigin(Origin.ACTIVE).setLastInRun(last)
                    .setRunProbeCount(last ? hops : null).build());
        }
        returned.add(out);
        return out;
    }
}
