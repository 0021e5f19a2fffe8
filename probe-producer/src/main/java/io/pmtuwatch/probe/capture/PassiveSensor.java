package io.pmtuwatch.probe.capture;

import java.io.IOException;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The live loop: frames from a {@link LiveCapture} into a {@link TrafficAnalyzer} whose listener
 * publishes, with a per-interval report of counters and libpcap drops, unanswered SYNs expired and
 * idle flows forgotten. Runs on the calling thread until {@code stop} says so.
 */
public final class PassiveSensor {

    /** How long a SYN waits for its SYN-ACK before it is published as SYN_ONLY. */
    static final Duration SYN_WAIT = Duration.ofSeconds(3);
    /** Flows idle this long are forgotten (a SYN-ACK after that is a new, one-sided flow). */
    static final Duration IDLE = Duration.ofMinutes(2);

    private final LiveCapture capture;
    private final PassivePublisher publisher;
    private final TrafficAnalyzer analyzer;
    private final Duration interval;
    private final Consumer<SensorCounters> report;
    private final Function<List<PtbWatch>, String> filterFor;

    /**
     * @param filterFor the kernel filter for the senders being watched after a packet-too-big (applied
     *                  whenever that set changes)
     */
    public PassiveSensor(LiveCapture capture, PassivePublisher publisher, Duration interval,
            Consumer<SensorCounters> report, Function<List<PtbWatch>, String> filterFor) {
        this.filterFor = filterFor;
        this.capture = capture;
        this.publisher = publisher;
        this.analyzer = new TrafficAnalyzer(capture.linkType(), publisher);
        this.interval = interval;
        this.report = report;
    }

    /** @return the totals */
    public SensorCounters run(BooleanSupplier stop) throws IOException {
        SensorCounters last = totals();
        long nextReport = System.nanoTime() + interval.toNanos();
        long filtered = analyzer.watchVersion();
        while (!stop.getAsBoolean()) {
            CapturedFrame frame = capture.next();
            if (frame != null) {
                analyzer.accept(frame);
            }
            if (analyzer.watchVersion() != filtered) {
                filtered = analyzer.watchVersion();
                capture.setFilter(filterFor.apply(analyzer.watches()));
            }
            long now = System.nanoTime();
            if (now >= nextReport) {
                long wallMicros = System.currentTimeMillis() * 1000;
                analyzer.expireSynOnly(wallMicros, SYN_WAIT.toNanos() / 1000);
                analyzer.forgetIdle(wallMicros, IDLE.toNanos() / 1000);
                SensorCounters current = totals();
                report.accept(current.minus(last));
                last = current;
                nextReport = now + interval.toNanos();
            }
        }
        // What is still waiting for a SYN-ACK goes out as SYN_ONLY rather than being lost.
        analyzer.expireSynOnly(Long.MAX_VALUE, 0);
        return totals();
    }

    // From the analyzer's counters: its result() snapshots every flow, and its event list stops at its bound,
    // which a long capture under a PTB flood passes.
    private SensorCounters totals() {
        return new SensorCounters(analyzer.framesSeen(), publisher.handshakes(), analyzer.mtuEventsSeen(),
                publisher.handshakes() + publisher.hops(), capture.drops());
    }
}
