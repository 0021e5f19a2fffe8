package io.pmtuwatch.stream.topology.internals;

import io.pmtuwatch.schemas.AnomalyWindow;
import io.pmtuwatch.schemas.PathDiagnosis;
import io.pmtuwatch.stream.config.AgeingSettings;
import io.pmtuwatch.stream.config.AnomalySettings;
import io.pmtuwatch.stream.metrics.PipelineMetrics;
import io.pmtuwatch.stream.metrics.PipelineMetrics.Counter;
import io.pmtuwatch.stream.topology.anomaly.FlappingDetector;
import io.pmtuwatch.stream.topology.anomaly.PathSample;
import io.pmtuwatch.stream.topology.anomaly.PersistentFindingDetector;
import io.pmtuwatch.stream.topology.anomaly.PmtuDropDetector;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

import java.util.ArrayList;
import java.util.List;

/**
 * Keeps each path's latest diagnosis (for the query API) and runs the path anomaly detectors over
 * its diagnoses. A path that has not reported for the path retention is forgotten: its open windows
 * close, its state is deleted. An incomplete diagnosis never closes a window nor replaces a latest
 * diagnosis that had findings it lacks (see {@link IncompleteRuns}).
 */
public final class PathTracker implements Processor<String, PathDiagnosis, String, AnomalyWindow> {

    public static final String PATH_DIAGNOSES_STORE = "path-diagnoses";
    public static final String PATH_STATE_STORE = "path-anomaly-state";

    private final AgeingSettings ageing;
    private final PipelineMetrics metrics;
    private final PmtuDropDetector drops;
    private final PersistentFindingDetector persistent;
    private final FlappingDetector flapping;

    private ProcessorContext<String, AnomalyWindow> context;
    private KeyValueStore<String, PathDiagnosis> latest;
    private KeyValueStore<String, PathAnomalyState> states;

    public PathTracker(AnomalySettings anomalies, AgeingSettings ageing, PipelineMetrics metrics) {
        this.ageing = ageing;
        this.metrics = metrics;
        this.drops = new PmtuDropDetector(anomalies);
        this.persistent = new PersistentFindingDetector(anomalies);
        this.flapping = new FlappingDetector(anomalies);
    }

    @Override
    public void init(ProcessorContext<String, AnomalyWindow> context) {
        this.context = context;
        this.latest = context.getStateStore(PATH_DIAGNOSES_STORE);
        this.states = context.getStateStore(PATH_STATE_STORE);
        context.schedule(ageing.scanInterval(), PunctuationType.WALL_CLOCK_TIME, this::ageOut);
    }

    @Override
    public void process(Record<String, PathDiagnosis> record) {
        PathDiagnosis diagnosis = record.value();
        String pathId = record.key();
        PathAnomalyState state = states.get(pathId);
        if (state == null) {
            state = new PathAnomalyState();
        }
        state.lastSeenWallMs = context.currentSystemTimeMs();
        PathSample sample = PathSample.of(diagnosis);
        List<AnomalyWindow> events = new ArrayList<>();
        // Detectors read a path's history in order; a diagnosis older than one already seen (a late
        // timed-out run) updates nothing but the liveness.
        if (!sample.complete()) {
            metrics.increment(Counter.INCOMPLETE_DIAGNOSES);
        }
        if (sample.atMs() >= state.latestSampleMs) {
            state.latestSampleMs = sample.atMs();
            // A complete diagnosis always replaces the latest: reading (decoding) the previous one is
            // needed only for an incomplete one.
            if (diagnosis.getComplete() || IncompleteRuns.mayReplace(latest.get(pathId), diagnosis)) {
                latest.put(pathId, diagnosis);
                state.latest(diagnosis);
            }
            events.addAll(drops.onSample(state.drop, sample));
            events.addAll(persistent.onSample(state.findings, sample));
            events.addAll(flapping.onSample(state.flapping, sample));
        }
        states.put(pathId, state);
        forward(pathId, events);
    }

    private void ageOut(long nowWallMs) {
        long oldest = nowWallMs - ageing.pathRetention().toMillis();
        List<KeyValue<String, PathAnomalyState>> old = new ArrayList<>();
        try (KeyValueIterator<String, PathAnomalyState> it = states.all()) {
            while (it.hasNext()) {
                KeyValue<String, PathAnomalyState> next = it.next();
                if (next.value.lastSeenWallMs < oldest) {
                    old.add(next);
                }
            }
        }
        for (KeyValue<String, PathAnomalyState> entry : old) {
            PathAnomalyState state = entry.value;
            String why = "the path stopped reporting (no diagnosis for " + ageing.pathRetention().toMinutes() + " min)";
            long at = Math.max(state.latestSampleMs, 0);
            List<AnomalyWindow> events = new ArrayList<>();
            events.addAll(drops.close(state.drop, at, why));
            events.addAll(persistent.close(state.findings, at, why));
            events.addAll(flapping.close(state.flapping, at, why));
            states.delete(entry.key);
            latest.delete(entry.key);
            metrics.increment(Counter.PATHS_AGED_OUT);
            forward(entry.key, events);
        }
    }

    private void forward(String pathId, List<AnomalyWindow> events) {
        for (AnomalyWindow event : events) {
            metrics.increment(Counter.ANOMALIES_OUT);
            context.forward(new Record<>(pathId, event, context.currentSystemTimeMs()));
        }
    }
}
