package io.pmtuwatch.stream.topology.internals;

import io.pmtuwatch.schemas.HandshakeObservation;
import io.pmtuwatch.schemas.HopObservation;
import io.pmtuwatch.schemas.PathDiagnosis;
import io.pmtuwatch.stream.config.AgeingSettings;
import io.pmtuwatch.stream.config.AssemblySettings;
import io.pmtuwatch.stream.metrics.PipelineMetrics;
import io.pmtuwatch.stream.metrics.PipelineMetrics.Counter;
import io.pmtuwatch.stream.topology.RunDiagnoser;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.TimestampedKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Collects the observations of each probe run and diagnoses the run once it is complete: its
 * last-in-run marker and every announced observation have arrived, and so has the handshake (TCP
 * targets; a short grace covers a handshake that crosses the marker on the other topic). A run that
 * stops short is diagnosed as incomplete after the run timeout. Duplicates (producer retries) and
 * out-of-order delivery do not change the result: hops are keyed by sequence, and a finished run is
 * remembered for a while so a late duplicate cannot start a second run.
 *
 * <p>Passive observations carry no run: each is diagnosed at once, with the path's latest handshake
 * if it is close enough in time, and remembered for the dedup retention like a finished run.
 *
 * <p>Timeouts use wall-clock time (a run's observations arrive within seconds; stream time would
 * stall when a partition goes quiet). Due runs are found through a {@link DeadlineIndex}, not by
 * scanning every open run.
 */
public final class RunAssembler implements Processor<String, Object, String, PathDiagnosis> {

    public static final String RUNS_STORE = "runs";
    public static final String RUN_HOPS_STORE = "run-hops";
    public static final String RUN_DEADLINES_STORE = "run-deadlines";
    public static final String PATH_HANDSHAKES_STORE = "path-handshakes";

    /** Bounds the work of one punctuation; what is left is due at the next one. */
    private static final int MAX_DUE_PER_SCAN = 10_000;
    private static final StringSerializer KEY_SERIALIZER = new StringSerializer();

    private final RunDiagnoser diagnoser;
    private final AssemblySettings settings;
    private final AgeingSettings ageing;
    private final PipelineMetrics metrics;

    private ProcessorContext<String, PathDiagnosis> context;
    private KeyValueStore<String, RunProgress> runs;
    private KeyValueStore<String, HopObservation> runHops;
    private DeadlineIndex deadlines;
    private TimestampedKeyValueStore<String, HandshakeObservation> pathHandshakes;

    public RunAssembler(RunDiagnoser diagnoser, AssemblySettings settings, AgeingSettings ageing, PipelineMetrics metrics) {
        this.diagnoser = diagnoser;
        this.settings = settings;
        this.ageing = ageing;
        this.metrics = metrics;
    }

    @Override
    public void init(ProcessorContext<String, PathDiagnosis> context) {
        this.context = context;
        this.runs = context.getStateStore(RUNS_STORE);
        this.runHops = context.getStateStore(RUN_HOPS_STORE);
        KeyValueStore<Bytes, byte[]> index = context.getStateStore(RUN_DEADLINES_STORE);
        this.deadlines = new DeadlineIndex(index);
        this.pathHandshakes = context.getStateStore(PATH_HANDSHAKES_STORE);
        context.schedule(settings.scanInterval(), PunctuationType.WALL_CLOCK_TIME, this::expireDueRuns);
        context.schedule(ageing.scanInterval(), PunctuationType.WALL_CLOCK_TIME, this::forgetOldHandshakes);
    }

    @Override
    public void process(Record<String, Object> record) {
        if (record.value() instanceof HopObservation hop) {
            if (hop.getRunId() == null) {
                onPassiveHop(record.key(), hop);
            } else {
                onHop(record.key(), hop);
            }
        } else if (record.value() instanceof HandshakeObservation handshake) {
            onHandshake(record.key(), handshake);
        }
    }

    private void onHop(String pathId, HopObservation hop) {
        String key = RunKeys.run(pathId, hop.getRunId());
        long now = context.currentSystemTimeMs();
        RunProgress run = runs.get(key);
        if (run != null && run.isFinished()) {
            metrics.increment(Counter.DUPLICATES_DROPPED);
            return;
        }
        if (run == null) {
            run = RunProgress.open(now);
        }
        if (!run.addSequence(hop.getSequence())) {
            metrics.increment(Counter.DUPLICATES_DROPPED);
            return;
        }
        runHops.put(RunKeys.hop(key, hop.getSequence()), hop);
        if (hop.getLastInRun()) {
            run.marker(hop.getSequence(), hop.getRunProbeCount());
        }
        run.transport(hop.getTarget().getTransport());
        run.touch(now);
        settle(key, run, now);
    }

    private void onHandshake(String pathId, HandshakeObservation handshake) {
        long now = context.currentSystemTimeMs();
        rememberLatestHandshake(pathId, handshake, now);
        if (handshake.getRunId() == null) {
            return;
        }
        String key = RunKeys.run(pathId, handshake.getRunId());
        RunProgress run = runs.get(key);
        if (run != null && run.isFinished()) {
            metrics.increment(Counter.DUPLICATES_DROPPED);
            return;
        }
        if (run == null) {
            run = RunProgress.open(now);
        }
        run.handshake(handshake);
        run.touch(now);
        settle(key, run, now);
    }

    // The latest by event time, so a late-delivered older handshake does not replace a newer one.
    private void rememberLatestHandshake(String pathId, HandshakeObservation handshake, long now) {
        ValueAndTimestamp<HandshakeObservation> current = pathHandshakes.get(pathId);
        if (current == null || !current.value().getTimestamp().isAfter(handshake.getTimestamp())) {
            pathHandshakes.put(pathId, ValueAndTimestamp.make(handshake, now));
        }
    }

    private void onPassiveHop(String pathId, HopObservation hop) {
        String key = RunKeys.passive(pathId, passiveDigest(hop));
        if (runs.get(key) != null) {
            metrics.increment(Counter.DUPLICATES_DROPPED);
            return;
        }
        long now = context.currentSystemTimeMs();
        Optional<HandshakeObservation> handshake = Optional.ofNullable(pathHandshakes.get(pathId))
                .map(ValueAndTimestamp::value)
                .filter(h -> Duration.between(h.getTimestamp(), hop.getTimestamp()).abs()
                        .compareTo(settings.passiveHandshakeWindow()) <= 0);
        markFinished(key, RunProgress.finished(now));
        emit(pathId, List.of(hop), handshake, true, null);
    }

    // What makes two passive observations the same observation: a producer retry repeats all of it.
    private static String passiveDigest(HopObservation hop) {
        return hop.getTimestamp().toEpochMilli() + "/" + hop.getSequence() + "/" + hop.getResponder() + "/"
                + hop.getReportedMtu() + "/" + hop.getProbeSize() + "/" + hop.getTtl();
    }

    private void settle(String key, RunProgress run, long now) {
        if (run.readyNow()) {
            finish(key, run, true, null);
            return;
        }
        reschedule(key, run);
        runs.put(key, run);
    }

    private void reschedule(String key, RunProgress run) {
        long next = run.nextDeadline(settings.handshakeGrace().toMillis(), settings.runTimeout().toMillis(),
                settings.dedupRetention().toMillis());
        if (next != run.deadlineMs()) {
            if (run.deadlineMs() != RunProgress.NONE) {
                deadlines.delete(run.deadlineMs(), key);
            }
            deadlines.put(next, key);
            run.deadlineMs(next);
        }
    }

    private void expireDueRuns(long nowWallMs) {
        for (DeadlineIndex.Due due : deadlines.due(nowWallMs, MAX_DUE_PER_SCAN)) {
            deadlines.delete(due.deadlineMs(), due.key());
            RunProgress run = runs.get(due.key());
            if (run == null || run.deadlineMs() != due.deadlineMs()) {
                continue; // stale entry: the run was finished or rescheduled meanwhile
            }
            if (run.isFinished()) {
                runs.delete(due.key());
            } else if (run.allHopsArrived()) {
                finish(due.key(), run, run.hasHandshake() || !run.expectsHandshake(),
                        run.hasHandshake() ? null : "no handshake observation arrived within "
                                + settings.handshakeGrace().toMillis() + " ms of the run's last observation");
            } else if (run.hopCount() > 0) {
                metrics.increment(Counter.RUNS_TIMED_OUT);
                finish(due.key(), run, false, "run timed out after " + settings.runTimeout().toSeconds() + " s with "
                        + run.hopCount() + " observation(s)" + (run.allHopsArrived() ? "" : ", not all of them"));
            } else {
                // A handshake whose run never produced hops: nothing to diagnose, but remember the run
                // so that hops arriving after all are not diagnosed without their handshake's run.
                markFinished(due.key(), RunProgress.finished(nowWallMs));
            }
        }
    }

    private void finish(String key, RunProgress run, boolean complete, String incompleteReason) {
        String prefix = RunKeys.hopPrefix(key);
        List<String> hopKeys = new ArrayList<>();
        List<HopObservation> hops = new ArrayList<>();
        try (KeyValueIterator<String, HopObservation> it = runHops.prefixScan(prefix, KEY_SERIALIZER)) {
            while (it.hasNext()) {
                KeyValue<String, HopObservation> next = it.next();
                hopKeys.add(next.key);
                hops.add(next.value);
            }
        }
        hopKeys.forEach(runHops::delete);
        if (run.deadlineMs() != RunProgress.NONE) {
            deadlines.delete(run.deadlineMs(), key);
        }
        markFinished(key, RunProgress.finished(context.currentSystemTimeMs()));
        emit(RunKeys.pathOf(key), hops, Optional.ofNullable(run.handshakeOrNull()), complete, incompleteReason);
    }

    private void markFinished(String key, RunProgress finished) {
        reschedule(key, finished);
        runs.put(key, finished);
    }

    private void emit(String pathId, List<HopObservation> hops, Optional<HandshakeObservation> handshake,
                      boolean complete, String incompleteReason) {
        PathDiagnosis diagnosis = diagnoser.diagnose(hops, handshake, complete, incompleteReason);
        metrics.increment(Counter.DIAGNOSES_OUT);
        context.forward(new Record<>(pathId, diagnosis, context.currentSystemTimeMs()));
    }

    private void forgetOldHandshakes(long nowWallMs) {
        long oldest = nowWallMs - ageing.pathRetention().toMillis();
        List<String> old = new ArrayList<>();
        try (KeyValueIterator<String, ValueAndTimestamp<HandshakeObservation>> it = pathHandshakes.all()) {
            while (it.hasNext()) {
                KeyValue<String, ValueAndTimestamp<HandshakeObservation>> next = it.next();
                if (next.value.timestamp() < oldest) {
                    old.add(next.key);
                }
            }
        }
        old.forEach(pathHandshakes::delete);
    }
}
