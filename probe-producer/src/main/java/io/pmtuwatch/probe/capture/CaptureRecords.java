package io.pmtuwatch.probe.capture;

import io.pmtuwatch.probe.packet.LinkType;
import java.io.IOException;

/** The frames of one capture file format, read through a {@link FileWindow}. */
interface CaptureRecords {

    LinkType linkType();

    /**
     * Reads the next frame, numbered {@code number}, in place into {@code into} (valid until the next call).
     *
     * @return false at the end of the file
     * @throws CaptureDamagedException at a record that cannot be read, with its offset
     */
    boolean next(long number, RecordView into) throws IOException;
}
