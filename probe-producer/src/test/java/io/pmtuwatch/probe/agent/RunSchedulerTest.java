package io.pmtuwatch.probe.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.pmtuwatch.schemas.Transport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Scheduling with a manual clock: the test decides when timers fire, the runs execute on the real
 * worker pool, and latches (never sleeps) say when they started or finished.
 */
class RunSchedulerTest {

    private static final Duration INTERVAL = Duration.ofSeconds(10);
    private static final long WAIT_SECONDS = 10; // upper bound for latches; normally milliseconds

    private final ManualTimer timer = new ManualTimer();
    private RunScheduler scheduler;

    private static TargetSpec target(String host) {
        return new TargetSpec(host, 443, Transport.TCP, IpPreference.AUTO, INTERVAL, null, 0);
    }

    private static List<TargetSpec> targets(int n) {
        List<TargetSpec> list = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            list.add(target("t" + i + ".example"));
        }
        return list;
    }

    private void awaitStats(java.util.function.Predicate<SchedulerStats> condition) {
        Awaitility.await().atMost(Duration.ofSeconds(WAIT_SECONDS)).pollInterval(Duration.ofMillis(1))
                .until(() -> condition.test(scheduler.stats()));
    }

    @AfterEach
    void stop() throws Exception {
        if (scheduler != null) {
            scheduler.shutdown(Duration.ofSeconds(5));
        }
    }

    @Test
    void everyTargetRunsOncePerIntervalWithJitteredDelays() throws Exception {
        Map<String, AtomicInteger> runs = new ConcurrentHashMap<>();
        Semaphore finished = new Semaphore(0);
        scheduler = new RunScheduler(targets(3), t -> {
            runs.computeIfAbsent(t.host(), h -> new AtomicInteger()).incrementAndGet();
            finished.release();
        }, 2, new JitterPolicy(0.1), timer, new Random(3));

        scheduler.start();
        timer.advance(Duration.ofSeconds(1)); // first runs: within 10% of the interval
        assertThat(finished.tryAcquire(3, WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
        awaitStats(s -> s.completed() == 3);
        timer.advance(Duration.ofSeconds(11)); // one interval (+ max jitter) later: second runs
        assertThat(finished.tryAcquire(3, WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();

        assertThat(runs).containsOnlyKeys("t0.example", "t1.example", "t2.example");
        assertThat(runs.values()).allSatisfy(n -> assertThat(n.get()).isEqualTo(2));
        List<Duration> delays = timer.requestedDelays();
        assertThat(delays.subList(0, 3)).allSatisfy(d -> assertThat(d).isBetween(Duration.ZERO, Duration.ofSeconds(1)));
        assertThat(delays.subList(3, delays.size()))
                .allSatisfy(d -> assertThat(d).isBetween(Duration.ofSeconds(9), Duration.ofSeconds(11)));
        assertThat(delays.subList(3, delays.size())).doesNotHaveDuplicates(); // jittered, not lockstep
    }

    @Test
    void neverMoreRunsInFlightThanTheLimit() throws Exception {
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger maxInFlight = new AtomicInteger();
        CountDownLatch twoStarted = new CountDownLatch(2);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch allDone = new CountDownLatch(6);
        scheduler = new RunScheduler(targets(6), t -> {
            maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            twoStarted.countDown();
            release.await();
            inFlight.decrementAndGet();
            allDone.countDown();
        }, 2, new JitterPolicy(0), timer, new Random(1));

        scheduler.start();
        timer.advance(Duration.ZERO); // all six are due at once

        assertThat(twoStarted.await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
        assertThat(scheduler.workers()).satisfies(w -> assertThat(((java.util.concurrent.ThreadPoolExecutor) w)
                .getQueue()).hasSize(4));
        release.countDown();
        assertThat(allDone.await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
        awaitStats(s -> s.completed() == 6);
        assertThat(maxInFlight.get()).isEqualTo(2);
    }

    @Test
    void aSlowTargetDoesNotDelayOthersAndSkipsItsOwnDueRuns() throws Exception {
        CountDownLatch slowRelease = new CountDownLatch(1);
        CountDownLatch slowStarted = new CountDownLatch(1);
        Semaphore fastRuns = new Semaphore(0);
        TargetSpec slow = target("slow.example");
        TargetSpec fast = target("fast.example");
        scheduler = new RunScheduler(List.of(slow, fast), t -> {
            if (t == slow) {
                slowStarted.countDown();
                slowRelease.await();
            } else {
                fastRuns.release();
            }
        }, 2, new JitterPolicy(0), timer, new Random(1));

        scheduler.start();
        timer.advance(Duration.ZERO);
        assertThat(slowStarted.await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
        awaitStats(s -> s.completed() == 1);
        for (int i = 1; i <= 3; i++) {
            timer.advance(INTERVAL);
            int expected = 1 + i;
            awaitStats(s -> s.completed() == expected);
        }

        // Four intervals' worth of fast runs completed while the slow run hung; the slow one skipped three.
        assertThat(fastRuns.availablePermits()).isEqualTo(4);
        assertThat(scheduler.stats().skippedBusy()).isEqualTo(3);
        slowRelease.countDown();
        awaitStats(s -> s.completed() == 5);
    }

    @Test
    void shutdownLetsTheRunInFlightFinishAndStartsNoMore() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger finishedRuns = new AtomicInteger();
        scheduler = new RunScheduler(targets(1), t -> {
            started.countDown();
            release.await();
            finishedRuns.incrementAndGet();
        }, 1, new JitterPolicy(0), timer, new Random(1));
        scheduler.start();
        timer.advance(Duration.ZERO);
        assertThat(started.await(WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();

        RunScheduler s = scheduler;
        boolean[] allFinished = new boolean[1];
        Thread stopper = new Thread(() -> {
            try {
                allFinished[0] = s.shutdown(Duration.ofSeconds(WAIT_SECONDS));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        stopper.start();
        release.countDown();
        stopper.join(TimeUnit.SECONDS.toMillis(WAIT_SECONDS));

        assertThat(allFinished[0]).isTrue();
        assertThat(finishedRuns.get()).isEqualTo(1);
        assertThat(timer.pendingCount()).isZero();
        timer.advance(INTERVAL.multipliedBy(3));
        assertThat(scheduler.stats().started()).isEqualTo(1);
    }

    @Test
    void aFailingRunIsCountedAndTheTargetStaysScheduled() throws Exception {
        Semaphore attempts = new Semaphore(0);
        scheduler = new RunScheduler(targets(1), t -> {
            attempts.release();
            throw new IllegalStateException("boom");
        }, 1, new JitterPolicy(0), timer, new Random(1));
        scheduler.start();
        timer.advance(Duration.ZERO);
        assertThat(attempts.tryAcquire(1, WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
        awaitStats(s -> s.failed() == 1);
        timer.advance(INTERVAL);
        assertThat(attempts.tryAcquire(1, WAIT_SECONDS, TimeUnit.SECONDS)).isTrue();
    }
}
