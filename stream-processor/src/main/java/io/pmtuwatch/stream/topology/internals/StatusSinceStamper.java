package io.pmtuwatch.stream.topology.internals;

import io.pmtuwatch.schemas.PathDiagnosis;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Sets {@code statusSince} on each diagnosis from the path's latest one, which {@link PathTracker}
 * keeps in the same store (read here only): "critical since 14:02" without a lookup downstream.
 */
public final class StatusSinceStamper implements FixedKeyProcessor<String, PathDiagnosis, PathDiagnosis> {

    private FixedKeyProcessorContext<String, PathDiagnosis> context;
    private KeyValueStore<String, PathDiagnosis> latest;

    @Override
    public void init(FixedKeyProcessorContext<String, PathDiagnosis> context) {
        this.context = context;
        this.latest = context.getStateStore(PathTracker.PATH_DIAGNOSES_STORE);
    }

    @Override
    public void process(FixedKeyRecord<String, PathDiagnosis> record) {
        PathDiagnosis diagnosis = record.value();
        diagnosis.setStatusSince(StatusStreak.since(latest.get(record.key()), diagnosis));
        context.forward(record);
    }
}
