package io.pmtuwatch.probe.capture;

/**
 * Where a capture file stopped making sense.
 *
 * @param framesRead frames read before the damage (all of them analysed)
 * @param offset     byte offset of the first record that could not be read; -1 when unknown
 * @param message    the reader's words for it
 */
public record CaptureDamage(long framesRead, long offset, String message) {
}
