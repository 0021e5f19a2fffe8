package io.pmtuwatch.probe.agent;

import io.pmtuwatch.probe.kafka.DeliveryFailures;
import io.pmtuwatch.probe.kafka.RunObservations;

/** A run was measured but Kafka did not acknowledge all of its records: the run counts as undelivered. */
public final class RunNotDeliveredException extends Exception {

    public RunNotDeliveredException(RunObservations run, Throwable cause) {
        super("run " + run.runId() + " not delivered (" + run.recordCount() + " records): "
                + DeliveryFailures.explain(cause), cause);
    }
}
