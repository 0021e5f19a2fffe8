package io.pmtuwatch.probe.trace;

import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The raw result of one trace: every probe in send order, the first valid answer of each, and every
 * rejected answer (forged, stale, impossible), plus what the run needs to become observations.
 */
public record TraceRun(InetAddress target, boolean ipv6, int localMtu, List<SentProbe> probes,
        Map<Integer, ProbeAnswer> answers, List<ProbeAnswer> rejected, long startedAtMillis, long elapsedNanos,
        List<String> notes) {

    public Optional<ProbeAnswer> answerTo(SentProbe probe) {
        return Optional.ofNullable(answers.get(probe.sequence()));
    }

    public int probesSent() {
        return probes.size();
    }

    /** Whether any probe reached the target (it answered, whatever the probe's kind). */
    public boolean targetAnswered() {
        return answers.values().stream().anyMatch(a -> a.outcome() == io.pmtuwatch.schemas.HopOutcome.DESTINATION_REACHED);
    }

    /** The same run with {@code note} in front of its notes. */
    public TraceRun withNoteFirst(String note) {
        List<String> all = new java.util.ArrayList<>();
        all.add(note);
        all.addAll(notes);
        return new TraceRun(target, ipv6, localMtu, probes, answers, rejected, startedAtMillis, elapsedNanos, List.copyOf(all));
    }

    public long elapsedMillis() {
        return elapsedNanos / 1_000_000;
    }
}
