package io.pmtuwatch.probe.capture;

import java.io.IOException;

/** A capture file that cannot be read past a point: the frames before it were delivered. */
public final class CaptureDamagedException extends IOException {

    private final long framesRead;

    public CaptureDamagedException(long framesRead, String message, Throwable cause) {
        super(message, cause);
        this.framesRead = framesRead;
    }

    public long framesRead() {
        return framesRead;
    }
}
