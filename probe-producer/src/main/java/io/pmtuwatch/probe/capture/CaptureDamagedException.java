package io.pmtuwatch.probe.capture;

import java.io.IOException;

/** A capture file that cannot be read past a point: the frames before it were delivered. */
public final class CaptureDamagedException extends IOException {

    private final long framesRead;
    private final long offset;

    /**
     * @param framesRead frames delivered before the damage
     * @param offset     byte offset of the record that cannot be read; -1 when unknown
     */
    public CaptureDamagedException(long framesRead, long offset, String message, Throwable cause) {
        super(message, cause);
        this.framesRead = framesRead;
        this.offset = offset;
    }

    public long framesRead() {
        return framesRead;
    }

    /** Byte offset of the record that cannot be read; -1 when unknown. */
    public long offset() {
        return offset;
    }
}
