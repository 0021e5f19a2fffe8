package io.pmtuwatch.probe.returnpath;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Holes in the target's sequence space, across the 32-bit wrap. */
class ReceiveSequenceTest {

    private static final long SYN_ACK = 0xFFFF_FF00L; // data wraps past 2^32

    @Test
    void inOrderDataHasNoHole() {
        ReceiveSequence s = new ReceiveSequence(SYN_ACK);
        assertThat(s.add(SYN_ACK + 1, 1448, 1448, 1500, false)).isTrue();
        assertThat(s.add((SYN_ACK + 1 + 1448) % (1L << 32), 100, 100, 152, true)).isTrue();
        assertThat(s.hasHole()).isFalse();
        assertThat(s.finished()).isTrue();
        assertThat(s.inOrder()).isEqualTo(1548 + 1);
        assertThat(s.largestSegment()).isEqualTo(1448);
        assertThat(s.largestPacket()).isEqualTo(1500);
    }

    @Test
    void aTailBeyondLostSegmentsIsAHoleUntilTheyComeSmaller() {
        ReceiveSequence s = new ReceiveSequence(SYN_ACK);
        long first = SYN_ACK + 1;
        assertThat(s.add((first + 2896) % (1L << 32), 288, 288, 340, false)).isFalse();
        assertThat(s.hasHole()).isTrue();
        assertThat(s.outOfOrderSegments()).isEqualTo(1);
        assertThat(s.firstMissingSequence()).isEqualTo(first % (1L << 32));
        s.add(first, 1228, 1228, 1280, false);
        assertThat(s.hasHole()).isTrue();
        s.add((first + 1228) % (1L << 32), 1668, 1228, 1280, false); // two merged by receive offload
        assertThat(s.hasHole()).isFalse();
        assertThat(s.inOrder()).isEqualTo(2896 + 288);
        assertThat(s.largestPacket()).isEqualTo(1280);
    }

    @Test
    void aPureAckBeyondTheDataRevealsSegmentsThatNeverCame() {
        ReceiveSequence s = new ReceiveSequence(SYN_ACK);
        s.add((SYN_ACK + 1 + 4344) % (1L << 32), 0, 0, 52, false);
        assertThat(s.hasHole()).isTrue();
        assertThat(s.segments()).isZero();
    }
}
