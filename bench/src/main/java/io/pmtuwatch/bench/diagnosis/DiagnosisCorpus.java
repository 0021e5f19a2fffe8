package io.pmtuwatch.bench.diagnosis;

import io.pmtuwatch.bench.stream.Fleet;
import io.pmtuwatch.bench.stream.Workload;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The inputs of the diagnosis bench, by set: the runs bench-stream sends through the topology, the scale
 * run's fleet, and seeded random runs that reach every rule (see {@link GeneratedRuns}).
 */
public record DiagnosisCorpus(List<Set> sets) {

    /** One named set of cases, timed on its own. */
    public record Set(String name, List<DiagnosisCase> cases) {
    }

    private static final Instant AT = Instant.parse("2026-12-07T02:00:00Z");

    public static DiagnosisCorpus of(int agents, int targets, int hops, int generated, long seed) {
        Workload workload = new Workload(agents, targets, hops);
        List<DiagnosisCase> stream = new ArrayList<>();
        for (Workload.Run run : workload.round(0, AT)) {
            stream.add(DiagnosisCase.whole(run.pathId(), run.hops(), run.handshake()));
        }
        Fleet fleet = new Fleet(agents, targets);
        List<DiagnosisCase> scale = new ArrayList<>();
        for (int n = 0; n < fleet.paths(); n++) {
            Workload.Run run = fleet.run(n, 0, AT);
            scale.add(DiagnosisCase.whole(run.pathId(), run.hops(), run.handshake()));
        }
        return new DiagnosisCorpus(List.of(new Set("bench-stream runs", stream), new Set("scale-run fleet", scale),
                new Set("generated (seed " + seed + ")", new GeneratedRuns(seed).cases(generated))));
    }

    public int size() {
        return sets.stream().mapToInt(s -> s.cases().size()).sum();
    }
}
