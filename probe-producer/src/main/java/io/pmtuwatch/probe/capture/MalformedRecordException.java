package io.pmtuwatch.probe.capture;

/**
 * A record or block of a capture file that cannot be right. Thrown by the pure parsers, which know
 * neither the file nor how many frames came before; the reader turns it into a
 * {@link CaptureDamagedException} with both.
 */
final class MalformedRecordException extends Exception {

    MalformedRecordException(String message) {
        super(message);
    }
}
