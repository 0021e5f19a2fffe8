package io.pmtuwatch.bench.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class MediansTest {

    @Test
    void middleOfAnOddCountAndMeanOfTheMiddleTwoOfAnEvenOne() {
        assertThat(Medians.of(List.of(0.9, 0.37, 0.6))).isEqualTo(0.6);
        assertThat(Medians.of(List.of(0.4, 0.8, 0.5, 0.6))).isEqualTo(0.55);
    }
}
