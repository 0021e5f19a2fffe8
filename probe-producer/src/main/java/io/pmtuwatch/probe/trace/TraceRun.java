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

    public long elapsedMillis() {
        return elapsedNanos / 1_000_000;
    }
}
