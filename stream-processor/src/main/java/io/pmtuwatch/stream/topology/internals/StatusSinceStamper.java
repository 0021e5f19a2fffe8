package io.pmtuwatch.stream.topology.internals;

import io.pmtuwatch.schemas.PathDiagnosis;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Sets {@code statusSince} on each diagnosis from the path's latest one, which {@link PathTracker}
 * keeps (read here only): "critical since 14:02" without a lookup downstream. What the streak needs
 * of the latest diagnosis is read from the path's anomaly state, which also keeps it: decoding the
 * whole latest diagnosis for three fields was a few percent of the stream thread's CPU. A state
 * written by an older build lacks them; then the latest diagnosis is read, as before.
 */
public final class StatusSinceStamper implements FixedKeyProcessor<String, PathDiagnosis, PathDiagnosis> {

    private FixedKeyProcessorContext<String, PathDiagnosis> context;
    private KeyValueStore<String, PathDiagnosis> latest;
    private KeyValueStore<String, PathAnomalyState> states;

    @Override
    public void init(FixedKeyProcessorContext<String, PathDiagnosis> context) {
        this.context = context;
        this.latest = context.getStateStore(PathTracker.PATH_DIAGNOSES_STORE);
        this.states = context.getStateStore(PathTracker.PATH_STATE_STORE);
    }

    @Override
    public void process(FixedKeyRecord<String, PathDiagnosis> record) {
        PathDiagnosis diagnosis = record.value();
        PathAnomalyState state = states.get(record.key());
        StatusStreak.Previous previous = state != null && state.latestStatus != null ? state.latestStatus
                : StatusStreak.Previous.of(latest.get(record.key()));
        diagnosis.setStatusSince(StatusStreak.sinceAfter(previous, diagnosis));
        context.forward(record);
    }
}
