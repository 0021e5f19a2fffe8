package io.pmtuwatch.probe.capture;

import io.pmtuwatch.probe.packet.LinkType;
import java.io.IOException;

/** The frames of one capture file format, read through a {@link FileWindow}. */
interface CaptureRecords {

    LinkType linkType();

    /**
     * The next frame, numbered {@code number}; null at the end of the file.
     *
     * @throws CaptureDamagedException at a record that cannot be read, with its offset
     */
    CapturedFrame next(long number) throws IOException;
}
