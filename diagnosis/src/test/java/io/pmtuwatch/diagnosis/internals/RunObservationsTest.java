package io.pmtuwatch.diagnosis.internals;

import static org.assertj.core.api.Assertions.assertThat;

import io.pmtuwatch.diagnosis.PathFixture;
import io.pmtuwatch.schemas.HopObservation;
import io.pmtuwatch.schemas.HopOutcome;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RunObservationsTest {

    @Test
    void collapsesRetriedRecordsAndSortsBySequence() {
        List<HopObservation> probes = PathFixture.ipv4().cleanTrace(2, 1500).observations();
        HopObservation first = probes.get(0);
        HopObservation second = probes.get(1);
        HopObservation third = probes.get(2);

        RunObservations run = RunObservations.of(List.of(third, first, second, first, third));

        assertThat(run.all()).containsExactly(first, second, third);
    }

    @Test
    void aRetriedRecordDeliveredRightAfterItsOriginalIsCollapsed() {
        // In sequence order, but not strictly rising: still duplicates to collapse.
        List<HopObservation> probes = PathFixture.ipv4().cleanTrace(2, 1500).observations();
        HopObservation first = probes.get(0);
        HopObservation second = probes.get(1);
        HopObservation third = probes.get(2);

        RunObservations run = RunObservations.of(List.of(first, first, second, third, third));

        assertThat(run.all()).containsExactly(first, second, third);
    }

    @Test
    void conflictingCopiesOfOneProbeResolveTheSameWayWhateverTheArrivalOrder() {
        HopObservation answered = PathFixture.ipv4().timeExceeded(1, 1500).observations().get(0);
        HopObservation silent = HopObservation.newBuilder(answered).setOutcome(HopOutcome.NO_REPLY)
                .setResponder(null).build();

        assertThat(RunObservations.of(List.of(answered, silent)).all())
                .isEqualTo(RunObservations.of(List.of(silent, answered)).all())
                .hasSize(1);
    }

    @Test
    void passiveObservationsWithoutRunIdAreOnlyCollapsedWhenIdentical() {
        HopObservation ptb = PathFixture.ipv4().passivePtb("10.0.9.1", 1500, 1400).observations().get(0);
        HopObservation laterPtb = HopObservation.newBuilder(ptb).setTimestamp(Instant.parse("2025-03-01T11:00:00Z"))
                .build();

        assertThat(RunObservations.of(List.of(ptb, laterPtb, ptb)).all()).containsExactly(ptb, laterPtb);
    }
}
