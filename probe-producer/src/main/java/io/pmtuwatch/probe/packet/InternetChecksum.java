package io.pmtuwatch.probe.packet;

/** The Internet checksum (RFC 1071) over a pseudo-header and a message, for packets we build. Pure. */
public final class InternetChecksum {

    private InternetChecksum() {
    }

    public static int of(byte[] pseudoHeader, byte[] message) {
        long sum = sum(pseudoHeader) + sum(message);
        while ((sum >>> 16) != 0) {
            sum = (sum & 0xFFFF) + (sum >>> 16);
        }
        return (int) (~sum & 0xFFFF);
    }

    private static long sum(byte[] bytes) {
        long sum = 0;
        for (int i = 0; i < bytes.length; i += 2) {
            int hi = bytes[i] & 0xFF;
            int lo = i + 1 < bytes.length ? bytes[i + 1] & 0xFF : 0;
            sum += (hi << 8) | lo;
        }
        return sum;
    }
}
