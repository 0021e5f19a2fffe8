package io.pmtuwatch.probe.capture;

/**
 * What an Interface Description Block says about the packets of its interface.
 *
 * @param linkType      LINKTYPE_ value of its frames
 * @param snaplen       snapshot length, 0 for none
 * @param resolution    unit of its timestamps ({@code if_tsresol})
 * @param offsetSeconds seconds to add to its timestamps ({@code if_tsoffset})
 */
record PcapngInterface(int linkType, long snaplen, TimestampResolution resolution, long offsetSeconds) {

    /** @param units a packet's timestamp as the block stores it, unsigned 64-bit */
    long micros(long units) {
        return resolution.micros(units) + offsetSeconds * 1_000_000L;
    }
}
