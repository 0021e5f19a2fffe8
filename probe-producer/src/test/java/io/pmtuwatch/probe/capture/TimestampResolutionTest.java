package io.pmtuwatch.probe.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** pcapng's if_tsresol values to microseconds, truncating as libpcap does. */
class TimestampResolutionTest {

    private static final long SECOND = 1_700_000_000L;

    @Test
    void decimalResolutions() throws Exception {
        assertThat(TimestampResolution.of(6).micros(SECOND * 1_000_000 + 7)).isEqualTo(SECOND * 1_000_000 + 7);
        assertThat(TimestampResolution.of(0).micros(SECOND)).isEqualTo(SECOND * 1_000_000);
        assertThat(TimestampResolution.of(3).micros(SECOND * 1000 + 5)).isEqualTo(SECOND * 1_000_000 + 5000);
        assertThat(TimestampResolution.of(9).micros(SECOND * 1_000_000_000 + 999_999_999))
                .isEqualTo(SECOND * 1_000_000 + 999_999);
        // 10^-18: one unit is an attosecond; 2^64 of them are 18 seconds, read as unsigned.
        assertThat(TimestampResolution.of(18).micros(-1L)).isEqualTo(18_446_744L);
    }

    @Test
    void binaryResolutions() throws Exception {
        assertThat(TimestampResolution.of(0x80).micros(SECOND)).isEqualTo(SECOND * 1_000_000);
        assertThat(TimestampResolution.of(0x80 | 10).micros((SECOND << 10) | 512)).isEqualTo(SECOND * 1_000_000
                + 500_000);
        // 2^-63: the fraction uses 63 bits, its product with 10^6 needs 128.
        assertThat(TimestampResolution.of(0x80 | 63).micros(Long.MAX_VALUE)).isEqualTo(999_999);
    }

    @Test
    void resolutionsTooFineAreRefused() {
        assertThatThrownBy(() -> TimestampResolution.of(19)).isInstanceOf(MalformedRecordException.class)
                .hasMessageContaining("10^-19");
    }
}
