package io.pmtuwatch.stream.topology.internals;

import io.pmtuwatch.schemas.HandshakeObservation;
import io.pmtuwatch.schemas.HopObservation;
import io.pmtuwatch.schemas.PathDiagnosis;
import io.pmtuwatch.schemas.Transport;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Collects the hop and handshake observations of each probe run (store key: path id + run id)
 * and diagnoses the run once it is complete: its last-in-run marker and every announced hop have
 * arrived, and so has the handshake (TCP targets; a short grace covers a handshake that crosses
 * the marker on the other topic). A run that stops short is diagnosed as incomplete after the
 * run timeout.
 *
 * <p>Passive observations carry no run: each is diagnosed at once, with the latest handshake
 * seen on its path.
 */
public final class RunAssembler implements Processor<String, Object, String, PathDiagnosis> {

    public static final String RUNS_STORE = "runs";
    public static final String LATEST_HANDSHAKE_STORE = "latest-handshakes";

    private static final char SEPARATOR = '\u0000';

    private final RunDiagnoser diagnoser;
    private final Duration handshakeGrace;
    private final Duration runTimeout;
    private final Duration scanInterval;

    private ProcessorContext<String, PathDiagnosis> context;
    private KeyValueStore<String, RunBuffer> runs;
    private KeyValueStore<String, HandshakeObservation> latestHandshakes;

    public RunAssembler(RunDiagnoser diagnoser, Duration handshakeGrace, Duration runTimeout, Duration scanInterval) {
        this.diagnoser = diagnoser;
        this.handshakeGrace = handshakeGrace;
        this.runTimeout = runTimeout;
        this.scanInterval = scanInterval;
    }

    @Override
    public void init(ProcessorContext<String, PathDiagnosis> context) {
        this.context = context;
        this.runs = context.getStateStore(RUNS_STORE);
        this.latestHandshakes = context.getStateStore(LATEST_HANDSHAKE_STORE);
        context.schedule(scanInterval, PunctuationType.WALL_CLOCK_TIME, this::expire);
    }

    @Override
    public void process(Record<String, Object> record) {
        Object value = record.value();
        if (value instanceof HopObservation hop) {
            onHop(record.key(), hop);
        } else if (value instanceof HandshakeObservation handshake) {
            onHandshake(record.key(), handshake);
        }
    }

    private void onHop(String pathId, HopObservation hop) {
        if (hop.getRunId() == null) {
            Optional<HandshakeObservation> handshake = Optional.ofNullable(latestHandshakes.get(pathId));
            emit(pathId, List.of(hop), handshake, true, null);
            return;
        }
        String key = runKey(pathId, hop.getRunId());
        long now = context.currentSystemTimeMs();
        RunBuffer buffer = Optional.ofNullable(runs.get(key)).orElseGet(() -> new RunBuffer(now));
        buffer.add(hop, now);
        if (readyNow(buffer)) {
            finish(key, buffer, true, null);
        } else {
            runs.put(key, buffer);
        }
    }

    private void onHandshake(String pathId, HandshakeObservation handshake) {
        latestHandshakes.put(pathId, handshake);
        if (handshake.getRunId() == null) {
            return;
        }
        String key = runKey(pathId, handshake.getRunId());
        long now = context.currentSystemTimeMs();
        RunBuffer buffer = Optional.ofNullable(runs.get(key)).orElseGet(() -> new RunBuffer(now));
        buffer.setHandshake(handshake, now);
        if (readyNow(buffer)) {
            finish(key, buffer, true, null);
        } else {
            runs.put(key, buffer);
        }
    }

    /** Complete, and nothing more to wait for. */
    private static boolean readyNow(RunBuffer buffer) {
        return buffer.allHopsArrived() && (buffer.handshake().isPresent() || !expectsHandshake(buffer));
    }

    private static boolean expectsHandshake(RunBuffer buffer) {
        return buffer.hops().stream().findFirst().map(h -> h.getTarget().getTransport() == Transport.TCP).orElse(false);
    }

    private void expire(long nowWallMs) {
        List<KeyValue<String, RunBuffer>> due = new ArrayList<>();
        try (KeyValueIterator<String, RunBuffer> it = runs.all()) {
            while (it.hasNext()) {
                KeyValue<String, RunBuffer> entry = it.next();
                long idle = nowWallMs - entry.value.lastSeenWallMs();
                if (entry.value.allHopsArrived() && idle >= handshakeGrace.toMillis()) {
                    due.add(entry);
                } else if (nowWallMs - entry.value.firstSeenWallMs() >= runTimeout.toMillis()) {
                    due.add(entry);
                }
            }
        }
        for (KeyValue<String, RunBuffer> entry : due) {
            RunBuffer buffer = entry.value;
            if (buffer.allHopsArrived()) {
                finish(entry.key, buffer, buffer.handshake().isPresent() || !expectsHandshake(buffer),
                        buffer.handshake().isPresent() ? null : "no handshake observation arrived for this run");
            } else if (buffer.hopCount() > 0) {
                finish(entry.key, buffer, false, "run timed out after " + runTimeout.toSeconds()
                        + " s with " + buffer.hopCount() + " observation(s) and no last-in-run marker");
            } else {
                runs.delete(entry.key); // a handshake whose run never produced hops: nothing to diagnose
            }
        }
    }

    private void finish(String key, RunBuffer buffer, boolean complete, String incompleteReason) {
        runs.delete(key);
        String pathId = key.substring(0, key.indexOf(SEPARATOR));
        emit(pathId, buffer.hops(), buffer.handshake(), complete, incompleteReason);
    }

    private void emit(String pathId, List<HopObservation> hops, Optional<HandshakeObservation> handshake,
                      boolean complete, String incompleteReason) {
        PathDiagnosis diagnosis = diagnoser.diagnose(hops, handshake, complete, incompleteReason);
        long timestamp = diagnosis.getDiagnosedAt().toEpochMilli();
        context.forward(new Record<>(pathId, diagnosis, timestamp));
    }

    static String runKey(String pathId, String runId) {
        return pathId + SEPARATOR + runId;
    }
}
