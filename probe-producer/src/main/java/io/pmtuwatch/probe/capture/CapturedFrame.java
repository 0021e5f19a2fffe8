package io.pmtuwatch.probe.capture;

/**
 * One frame as a capture delivered it.
 *
 * @param number          1-based position in the capture (Wireshark's frame number)
 * @param timestampMicros capture time, microseconds since the epoch
 * @param originalLength  length on the wire (larger than {@code bytes.length} when cut by the snaplen)
 * @param bytes           the captured bytes
 */
public record CapturedFrame(long number, long timestampMicros, int originalLength, byte[] bytes) {
}
