package io.pmtuwatch.probe.capture;

import io.pmtuwatch.probe.packet.LinkType;
import java.io.IOException;

/** Frames from a file or an interface, in capture order. Not thread-safe. */
public interface FrameSource extends AutoCloseable {

    LinkType linkType();

    /**
     * The next frame; null at the end of a file (or on a read timeout of a live capture).
     *
     * @throws CaptureDamagedException when a file is damaged: what came before is valid
     */
    CapturedFrame next() throws IOException;

    @Override
    void close();
}
