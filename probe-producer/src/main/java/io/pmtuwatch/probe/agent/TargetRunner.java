package io.pmtuwatch.probe.agent;

/** Performs one probe run of one target; called on a run worker thread. */
@FunctionalInterface
public interface TargetRunner {

    void run(TargetSpec target) throws Exception;
}
