package io.pmtuwatch.bench.stream;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BenchTopicsTest {

    @Test
    void aRunOwnsTheNamesWithItsIdAsAWholeWord() {
        String id = "mxdb44d0";
        assertThat(BenchTopics.ownedBy("bench-hops-mxdb44d0", id)).isTrue();
        assertThat(BenchTopics.ownedBy("bench-hops-warm-mxdb44d0", id)).isTrue();
        assertThat(BenchTopics.ownedBy("bench-out-mxdb44d0-handshakes", id)).isTrue();
        assertThat(BenchTopics.ownedBy("bench-topology-mxdb44d0-p2-runs-changelog", id)).isTrue();

        assertThat(BenchTopics.ownedBy("bench-hops-mxdb44d01", id)).as("another run's id").isFalse();
        assertThat(BenchTopics.ownedBy("pmtu.diagnoses-mxdb44d0", id)).as("not the bench's").isFalse();
        assertThat(BenchTopics.ownedBy("bench-hops-xmxdb44d0", id)).isFalse();
    }
}
