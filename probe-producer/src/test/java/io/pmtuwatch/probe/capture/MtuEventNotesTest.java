package io.pmtuwatch.probe.capture;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link MtuEventNotes} answers a set of facts with the notes made for exactly those facts, whatever it
 * kept before (sets differing in a single fact; with one slot, every set replaces the one before), and
 * equal facts share one list.
 */
class MtuEventNotesTest {

    private static final int ABSENT = MtuEventNotes.ABSENT;

    @ParameterizedTest
    @ValueSource(ints = {1, 64})
    void aMemoThatSawThousandsOfOtherFactsAnswersLikeANewOne(int slots) {
        MtuEventNotes memo = new MtuEventNotes(slots);
        Random random = new Random(slots);
        for (int i = 0; i < 20_000; i++) {
            // Few values per fact, so that sets repeat and differ from each other in one fact only.
            int tunnelled = new int[] {ABSENT, 4, 6}[random.nextInt(3)];
            int quotedLength = new int[] {0, 576, 1500, 1501, 1645, 9000}[random.nextInt(6)];
            int mtu = new int[] {0, 1280, 1492, 1500}[random.nextInt(4)];
            int rewritten = random.nextInt(3) == 0 ? ABSENT : 1500 + random.nextInt(3);
            int mss = random.nextInt(3) == 0 ? ABSENT : 1440 + random.nextInt(3) * 20;
            boolean own = random.nextBoolean();
            boolean linkLocal = random.nextInt(4) == 0;

            List<String> notes = memo.of(tunnelled, quotedLength, mtu, rewritten, mss, own, linkLocal);

            assertThat(notes).as("facts %d %d %d %d %d %s %s", tunnelled, quotedLength, mtu, rewritten, mss, own,
                    linkLocal).isEqualTo(new MtuEventNotes().of(tunnelled, quotedLength, mtu, rewritten, mss, own,
                    linkLocal));
        }
    }

    @Test
    void equalFactsShareOneListAndEachFactHasItsNote() {
        MtuEventNotes memo = new MtuEventNotes();
        List<String> first = memo.of(4, 1645, 1500, ABSENT, 1460, true, false);

        assertThat(memo.of(4, 1645, 1500, ABSENT, 1460, true, false)).isSameAs(first);
        assertThat(first).hasSize(4).allSatisfy(note -> assertThat(note).isNotBlank());
        assertThat(first.get(1)).contains("1645").contains("1460");
        assertThat(memo.of(ABSENT, 1000, 1500, ABSENT, ABSENT, false, false)).isEmpty();
        assertThat(memo.of(ABSENT, 1400, 1492, 1600, ABSENT, false, false)).singleElement().asString()
                .contains("1400").contains("1492").contains("1600");
        assertThat(memo.of(ABSENT, 1000, 1500, ABSENT, ABSENT, false, true)).hasSize(1);
    }
}
