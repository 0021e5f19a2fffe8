package io.pmtuwatch.stream.topology.internals;

import io.pmtuwatch.schemas.HandshakeObservation;
import io.pmtuwatch.schemas.HopObservation;
import io.pmtuwatch.schemas.PathDiagnosis;
import io.pmtuwatch.stream.config.AgeingSettings;
import io.pmtuwatch.stream.config.AssemblySettings;
import io.pmtuwatch.stream.metrics.PipelineMetrics;
import io.pmtuwatch.stream.metrics.PipelineMetrics.Counter;
import io.pmtuwatch.stream.topology.RunDiagnoser;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueBytesStoreSupplier;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.TimestampedKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;

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
 * stall when a partition goes quiet), but a due run is closed only once the topic that would bring
 * its missing part has been read past the run, or has been quiet ({@link InputProgress}): when the
 * processor is behind (a backlog, a restore, a rebalance, a loaded machine) the two input topics are
 * not read in step, and wall-clock time alone closed runs whose handshake or hops were simply not
 * read yet: those runs ended without a (complete) diagnosis. Due runs are found through a
 * {@link DeadlineIndex}, not by scanning every open run.
 */
public final class RunAssembler implements Processor<String, Object, String, PathDiagnosis> {

    public static final String RUNS_STORE = "runs";
    public static final String PATH_HANDSHAKES_STORE = "path-handshakes";

    /** Bounds the work of one punctuation; what is left is due at the next one. */
    private static final int MAX_DUE_PER_SCAN = 10_000;

    private final RunDiagnoser diagnoser;
    private final AssemblySettings settings;
    private final AgeingSettings ageing;
    private final PipelineMetrics metrics;
    private final BiConsumer<HandshakeObservation, byte[]> handshakeReadFrom;

    private ProcessorContext<String, PathDiagnosis> context;
    private OpenRuns runs;
    private final DeadlineIndex deadlines = new DeadlineIndex();
    private TimestampedKeyValueStore<String, HandshakeObservation> pathHandshakes;
    private InputProgress hopInput;
    private InputProgress handshakeInput;

    /**
     * @param handshakeReadFrom told the bytes a handshake was read from just before it is written to the
     *                          latest-handshake store, whose serde can keep them instead of encoding it again
     */
    public RunAssembler(RunDiagnoser diagnoser, AssemblySettings settings, AgeingSettings ageing, PipelineMetrics metrics,
                        BiConsumer<HandshakeObservation, byte[]> handshakeReadFrom) {
        this.diagnoser = diagnoser;
        this.settings = settings;
        this.ageing = ageing;
        this.metrics = metrics;
        this.handshakeReadFrom = handshakeReadFrom;
    }

    /**
     * The runs store over {@code supplier}: the runs are kept as objects until the task commits and
     * written then, once per commit, not with every observation ({@link WriteBehindStore}). Most runs
     * open and finish between two commits: only their finished marker is ever written.
     */
    public static StoreBuilder<KeyValueStore<String, RunProgress>> runsStore(KeyValueBytesStoreSupplier supplier) {
        return WriteBehindStore.builder(Stores.keyValueStoreBuilder(supplier, Serdes.String(), new RunProgressSerde()));
    }

    @Override
    public void init(ProcessorContext<String, PathDiagnosis> context) {
        this.context = context;
        KeyValueStore<String, RunProgress> runStore = context.getStateStore(RUNS_STORE);
        this.runs = new OpenRuns(runStore);
        this.pathHandshakes = context.getStateStore(PATH_HANDSHAKES_STORE);
        long now = context.currentSystemTimeMs();
        this.hopInput = new InputProgress(now);
        this.handshakeInput = new InputProgress(now);
        // Called once the task's stores are restored: the index is rebuilt from the runs it indexes.
        List<DeadlineIndex.Due> finished = new ArrayList<>();
        try (KeyValueIterator<String, RunProgress> it = runStore.all()) {
            while (it.hasNext()) {
                KeyValue<String, RunProgress> next = it.next();
                if (next.value.deadlineMs() == RunProgress.NONE) {
                    continue;
                }
                if (next.value.isFinished()) {
                    finished.add(new DeadlineIndex.Due(next.value.deadlineMs(), next.key));
                } else {
                    deadlines.put(next.value.deadlineMs(), next.key);
                }
            }
        }
        finished.stream().sorted().forEach(due -> deadlines.append(due.deadlineMs(), due.key()));
        context.schedule(settings.scanInterval(), PunctuationType.WALL_CLOCK_TIME, this::expireDueRuns);
        context.schedule(ageing.scanInterval(), PunctuationType.WALL_CLOCK_TIME, this::forgetOldHandshakes);
    }

    // A record whose processing fails is dead-lettered and the next one processed; a change to its run
    // not yet put is lost with it (OpenRuns gives copies), what was put stays, as with any store.
    // A finished run's marker is stored before its diagnosis is made and forwarded, so a diagnosis
    // that fails is not tried again (PunctuationFailureTest). A task that fails for good is closed
    // dirty and starts again from its committed state, with a new OpenRuns.
    @Override
    public void process(Record<String, Object> record) {
        long now = context.currentSystemTimeMs();
        Object observation = Received.valueOf(record.value());
        byte[] encoded = Received.encodedOf(record.value());
        if (observation instanceof HopObservation hop) {
            hopInput.read(record.timestamp(), now);
            if (hop.getRunId() == null) {
                onPassiveHop(record.key(), hop);
            } else {
                onHop(record.key(), hop, encoded, record.timestamp());
            }
        } else if (observation instanceof HandshakeObservation handshake) {
            handshakeInput.read(record.timestamp(), now);
            onHandshake(record.key(), handshake, encoded, record.timestamp());
        }
    }

    private void onHop(String pathId, HopObservation hop, byte[] encoded, long recordTimestamp) {
        String key = RunKeys.run(pathId, hop.getRunId());
        long now = context.currentSystemTimeMs();
        RunProgress held = runs.peek(key);
        if (held != null && (held.isFinished() || held.hasSequence(hop.getSequence()))) {
            metrics.increment(Counter.DUPLICATES_DROPPED);
            return;
        }
        // Copied only now, to be changed: a duplicate costs no copy.
        RunProgress run = held == null ? RunProgress.open(now) : runs.toChange(held);
        run.addSequence(hop.getSequence());
        run.hop(hop, encoded);
        if (hop.getLastInRun()) {
            run.marker(hop.getSequence(), hop.getRunProbeCount());
        }
        run.transport(hop.getTarget().getTransport());
        run.touch(now);
        run.input(recordTimestamp);
        settle(key, run, now);
    }

    private void onHandshake(String pathId, HandshakeObservation handshake, byte[] encoded, long recordTimestamp) {
        long now = context.currentSystemTimeMs();
        rememberLatestHandshake(pathId, handshake, encoded, now);
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
        run.handshake(handshake, encoded);
        run.touch(now);
        run.input(recordTimestamp);
        settle(key, run, now);
    }

    // The latest by event time, so a late-delivered older handshake does not replace a newer one.
    private void rememberLatestHandshake(String pathId, HandshakeObservation handshake, byte[] encoded, long now) {
        ValueAndTimestamp<HandshakeObservation> current = pathHandshakes.get(pathId);
        if (current == null || !current.value().getTimestamp().isAfter(handshake.getTimestamp())) {
            if (encoded != null) {
                handshakeReadFrom.accept(handshake, encoded);
            }
            pathHandshakes.put(pathId, ValueAndTimestamp.make(handshake, now));
        }
    }

    private void onPassiveHop(String pathId, HopObservation hop) {
        String key = RunKeys.passive(pathId, passiveDigest(hop));
        if (runs.peek(key) != null) {
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
        reschedule(key, run, run.nextDeadline(settings.handshakeGrace().toMillis(), settings.runTimeout().toMillis(),
                settings.dedupRetention().toMillis()));
        runs.put(key, run);
    }

    private void reschedule(String key, RunProgress run, long next) {
        if (next != run.deadlineMs()) {
            if (run.deadlineMs() != RunProgress.NONE) {
                deadlines.delete(run.deadlineMs(), key);
            }
            if (run.isFinished()) {
                deadlines.append(next, key); // finish time + the dedup retention: in time order
            } else {
                deadlines.put(next, key);
            }
            run.deadlineMs(next);
        }
    }

    private void expireDueRuns(long nowWallMs) {
        for (DeadlineIndex.Due due : deadlines.due(nowWallMs, MAX_DUE_PER_SCAN)) {
            RunProgress held = runs.peek(due.key());
            if (held == null || held.deadlineMs() != due.deadlineMs()) {
                deadlines.delete(due.deadlineMs(), due.key()); // stale: finished or rescheduled meanwhile
                continue;
            }
            if (held.isFinished()) {
                deadlines.delete(due.deadlineMs(), due.key());
                runs.delete(due.key());
                continue;
            }
            RunProgress run = runs.toChange(held); // copied only once it is known to change
            if (run.allHopsArrived()) {
                if (handshakeMayStillCome(run, nowWallMs)) {
                    postpone(due.key(), run, nowWallMs);
                } else {
                    finish(due.key(), run, run.hasHandshake() || !run.expectsHandshake(),
                            run.hasHandshake() ? null : "no handshake observation arrived within "
                                    + settings.handshakeGrace().toMillis() + " ms of the run's last observation");
                }
            } else if (hopsMayStillCome(run, nowWallMs)) {
                postpone(due.key(), run, nowWallMs);
            } else if (run.hopCount() > 0) {
                metrics.increment(Counter.RUNS_TIMED_OUT);
                finish(due.key(), run, false, "run timed out after " + settings.runTimeout().toSeconds() + " s with "
                        + run.hopCount() + " observation(s), not all of them");
            } else {
                // A handshake whose run never produced hops: nothing to diagnose, but remember the run
                // so that hops arriving after all are not diagnosed without their handshake's run.
                markFinished(due.key(), RunProgress.finished(nowWallMs));
            }
        }
    }

    // The handshake is written before the run's hops: once its topic is read a grace past the run's
    // newest hop, or has been quiet while read live, it is not coming.
    private boolean handshakeMayStillCome(RunProgress run, long now) {
        if (run.lastInputMs() == RunProgress.NONE) {
            return false;
        }
        long grace = settings.handshakeGrace().toMillis();
        return handshakeInput.mayStillBring(run.lastInputMs() + grace, now, grace, settings.runTimeout().toMillis(),
                now - run.lastInputMs() <= grace + InputProgress.LIVE_MS);
    }

    private boolean hopsMayStillCome(RunProgress run, long now) {
        if (run.firstInputMs() == RunProgress.NONE) {
            return false;
        }
        long timeout = settings.runTimeout().toMillis();
        return hopInput.mayStillBring(run.firstInputMs() + timeout, now, settings.handshakeGrace().toMillis(), timeout,
                false);
    }

    private void postpone(String key, RunProgress run, long now) {
        reschedule(key, run, now + Math.max(settings.scanInterval().toMillis(), settings.handshakeGrace().toMillis()));
        runs.put(key, run);
    }

    private void finish(String key, RunProgress run, boolean complete, String incompleteReason) {
        List<HopObservation> hops = run.hops();
        if (run.deadlineMs() != RunProgress.NONE) {
            deadlines.delete(run.deadlineMs(), key);
        }
        markFinished(key, RunProgress.finished(context.currentSystemTimeMs()));
        // A run kept by a build that stored hops apart (state format 2 or 3) has lost them: incomplete.
        boolean allKept = hops.size() == run.hopCount();
        emit(RunKeys.pathOf(key), hops, Optional.ofNullable(run.handshakeOrNull()), complete && allKept,
                allKept ? incompleteReason : "the run's observations were stored by an older version and are lost");
    }

    private void markFinished(String key, RunProgress finished) {
        reschedule(key, finished, finished.nextDeadline(settings.handshakeGrace().toMillis(),
                settings.runTimeout().toMillis(), settings.dedupRetention().toMillis()));
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
