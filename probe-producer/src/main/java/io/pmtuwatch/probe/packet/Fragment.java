package io.pmtuwatch.probe.packet;

/**
 * The fragmentation fields of an IPv4 header or an IPv6 Fragment header.
 *
 * @param identification IPv4 identification (16 bits) or IPv6 fragment id (32 bits)
 * @param offset         byte offset of this fragment's data in the original payload
 * @param more           the more-fragments flag
 */
public record Fragment(long identification, int offset, boolean more) {

    /**
     * True for a real piece of a larger datagram. An IPv6 "atomic fragment" (offset 0, M=0; RFC 6946)
     * and an IPv4 header with offset 0 and MF clear are whole datagrams.
     */
    public boolean isPiece() {
        return offset != 0 || more;
    }
}
