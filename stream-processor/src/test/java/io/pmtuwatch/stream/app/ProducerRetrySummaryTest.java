package io.pmtuwatch.stream.app;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

class ProducerRetrySummaryTest {

    @Test
    void oneLineWithTheRetriesOfThePeriodByErrorAndNoneWithoutAny() {
        Map<String, Long> before = Map.of("CONCURRENT_TRANSACTIONS", 2L);
        // In name order, as ProducerRetries.byError() gives them.
        Map<String, Long> now = new TreeMap<>(Map.of("CONCURRENT_TRANSACTIONS", 3L, "OUT_OF_ORDER_SEQUENCE_NUMBER", 5L));
        assertThat(ProducerRetrySummary.line(before, now)).hasValueSatisfying(line -> assertThat(line)
                .startsWith("The producer sent 6 batches again in the last 60 s (CONCURRENT_TRANSACTIONS 1, OUT_OF_ORDER_SEQUENCE_NUMBER 5)")
                .contains("nothing lost"));
        assertThat(ProducerRetrySummary.line(now, now)).isEmpty();
        assertThat(ProducerRetrySummary.line(Map.of(), Map.of())).isEmpty();
    }
}
