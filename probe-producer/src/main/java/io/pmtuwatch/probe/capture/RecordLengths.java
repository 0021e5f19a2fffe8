package io.pmtuwatch.probe.capture;

/**
 * The sanity rules for a frame's lengths, the same in pcap and pcapng: past them, the record header
 * is garbage (a damaged or misaligned file) and reading on would deliver noise as frames.
 */
final class RecordLengths {

    /**
     * The largest captured length we accept: libpcap's own limit for the usual link types
     * (MAXIMUM_SNAPLEN, 262144). A larger one is what a misaligned record header looks like.
     */
    static final int MAX_CAPTURED = 256 * 1024;

    private RecordLengths() {
    }

    /** Both lengths as the file stores them, unsigned 32-bit. */
    static void check(long captured, long original) throws MalformedRecordException {
        if (captured > MAX_CAPTURED) {
            throw new MalformedRecordException("captured length " + captured + " is larger than the " + MAX_CAPTURED
                    + "-byte maximum");
        }
        if (captured > original) {
            throw new MalformedRecordException("captured length " + captured + " is larger than the original length "
                    + original);
        }
        if (original > Integer.MAX_VALUE) {
            throw new MalformedRecordException("original length " + original + " is not a frame's length");
        }
    }
}
