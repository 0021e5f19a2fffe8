package io.pmtuwatch.probe.trace;

import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The raw result of one trace: every probe in send order, the first valid answer of each, and every
 * rejected answer (forged, stale, impossible), plus what the run needs to become observations.
 * {@code replacedProbes} counts the probes of an attempt this run replaced (the UDP attempt before a
 * TCP fallback): on the wire, and in the run's cost, but not among its observations.
 */
public record TraceRun(InetAddress target, boolean ipv6, int localMtu, List<SentProbe> probes,
        Map<Integer, ProbeAnswer> answers, List<ProbeAnswer> rejected, long startedAtMillis, long elapsedNanos,
        List<String> notes, int replacedProbes) {

    public TraceRun(InetAddress target, boolean ipv6, int localMtu, List<SentProbe> probes,
            Map<Integer, ProbeAnswer> answers, List<ProbeAnswer> rejected, long startedAtMillis, long elapsedNanos,
            List<String> notes) {
        this(target, ipv6, localMtu, probes, answers, rejected, startedAtMillis, elapsedNanos, notes, 0);
    }

    public Optional<ProbeAnswer> answerTo(SentProbe probe) {
        return Optional.ofNullable(answers.get(probe.sequence()));
    }

    /** Every probe this trace put on the wire, a replaced attempt's included. */
    public int probesSent() {
        return probes.size() + replacedProbes;
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
        return new TraceRun(target, ipv6, localMtu, probes, answers, rejected, startedAtMillis, elapsedNanos, List.copyOf(all),
                replacedProbes);
    }

    /** This run in place of {@code earlier}, whose probes count among those sent. */
    public TraceRun replacing(TraceRun earlier) {
        return new TraceRun(target, ipv6, localMtu, probes, answers, rejected, startedAtMillis, elapsedNanos, notes,
                replacedProbes + earlier.probesSent());
    }

    public long elapsedMillis() {
        return elapsedNanos / 1_000_000;
    }
}
