package io.pmtuwatch.probe.agent;

/**
 * Counters of a {@link RunScheduler}.
 *
 * @param started       runs handed to a worker
 * @param completed     runs that returned normally
 * @param failed        runs that threw (measurement failed)
 * @param undelivered   runs measured but not acknowledged by Kafka within the delivery timeout
 * @param skippedBusy   due runs skipped because the target's previous run was still in flight or queued
 */
public record SchedulerStats(long started, long completed, long failed, long undelivered, long skippedBusy) {
}
