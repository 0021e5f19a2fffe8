package io.pmtuwatch.probe.packet;


import java.nio.ByteBuffer;
import java.util.List;

/** A hand-written frame for the in-place decoders' tests: its name (what a failure prints), link type and bytes. */
record FrameSample(String name, LinkType type, byte[] bytes) {

    /** Offset of a frame inside the capture-file-like buffer: not aligned, as records in a file are not. */
    static final int FILE_OFFSET = 4093;

    @Override
    public String toString() {
        return name;
    }

    /** One check of a frame at {@code start} in {@code buf}. */
    interface Placement {
        void check(LinkType type, byte[] frame, ByteBuffer buf, int start, String label);
    }

    /** Checks every sample alone in its buffer, then inside a buffer with foreign bytes around it. */
    static void inBothPlacements(List<FrameSample> samples, Placement check) {
        for (FrameSample s : samples) {
            check.check(s.type(), s.bytes(), ByteBuffer.wrap(s.bytes()), 0, s + " alone");
            check.check(s.type(), s.bytes(), Fixtures.fileBuffer(s.bytes(), FILE_OFFSET, (byte) 0x45), FILE_OFFSET,
                    s + " in a file buffer");
        }
    }
}
