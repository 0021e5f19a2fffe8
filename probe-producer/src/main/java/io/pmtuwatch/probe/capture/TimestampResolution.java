package io.pmtuwatch.probe.capture;

/**
 * The unit of a pcapng interface's timestamps (option {@code if_tsresol}): 10^-exponent or
 * 2^-exponent seconds. Converts timestamps to the microseconds {@link CapturedFrame} carries,
 * truncating like libpcap does when asked for microsecond precision.
 *
 * @param binary   true for 2^-exponent, false for 10^-exponent
 * @param exponent the power
 */
record TimestampResolution(boolean binary, int exponent) {

    /** pcapng's default when the option is absent: microseconds. */
    static final TimestampResolution MICROS = new TimestampResolution(false, 6);

    private static final long[] POWERS_OF_TEN = powersOfTen();

    /** From the option's byte: the top bit chooses base 2, the rest is the exponent. */
    static TimestampResolution of(int option) throws MalformedRecordException {
        boolean binary = (option & 0x80) != 0;
        int exponent = option & 0x7F;
        // Beyond these, one unit does not fit a 64-bit timestamp's range in any useful way.
        if (binary ? exponent > 63 : exponent > 18) {
            throw new MalformedRecordException("unsupported timestamp resolution " + (binary ? "2^-" : "10^-")
                    + exponent);
        }
        return new TimestampResolution(binary, exponent);
    }

    /** @param units a timestamp in this resolution, unsigned 64-bit */
    long micros(long units) {
        if (binary) {
            if (exponent == 0) {
                return units * 1_000_000L;
            }
            long seconds = units >>> exponent;
            long fraction = units & ((1L << exponent) - 1);
            // fraction * 10^6 / 2^exponent, with a 128-bit product: fraction may use up to 63 bits.
            long low = fraction * 1_000_000L;
            long high = Math.multiplyHigh(fraction, 1_000_000L);
            long fractionMicros = (low >>> exponent) | (high << (64 - exponent));
            return seconds * 1_000_000L + fractionMicros;
        }
        if (exponent <= 6) {
            return units * POWERS_OF_TEN[6 - exponent];
        }
        return Long.divideUnsigned(units, POWERS_OF_TEN[exponent - 6]);
    }

    private static long[] powersOfTen() {
        long[] powers = new long[19];
        powers[0] = 1;
        for (int i = 1; i < powers.length; i++) {
            powers[i] = powers[i - 1] * 10;
        }
        return powers;
    }
}
