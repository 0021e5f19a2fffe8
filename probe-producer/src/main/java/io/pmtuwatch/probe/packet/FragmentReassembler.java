package io.pmtuwatch.probe.packet;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.BitSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Reassembles IPv4 fragments and IPv6 Fragment-header pieces, enough to read the transport header of
 * a datagram split across fragments (e.g. a SYN cut into 8-byte pieces to hide its options). Not
 * thread-safe; one per reader. Memory is bounded: at most {@code maxDatagrams} in progress (the
 * oldest is dropped) and at most 64 KiB each. Overlapping pieces are resolved first-come (as Linux
 * does since it rejects overlaps: here the older bytes are kept), never by throwing.
 */
public final class FragmentReassembler {

    private static final int MAX_DATAGRAM = 65_535;

    private final int maxDatagrams;
    private final Map<Key, Pending> pending = new LinkedHashMap<>();
    private long dropped;

    public FragmentReassembler(int maxDatagrams) {
        this.maxDatagrams = maxDatagrams;
    }

    private record Key(int version, InetAddress source, InetAddress destination, int protocol, long id) {
    }

    private static final class Pending {
        final byte[] data = new byte[MAX_DATAGRAM];
        final BitSet have = new BitSet(MAX_DATAGRAM);
        IpPacket first;
        int end = -1;
    }

    /** Adds one piece; returns the whole datagram when this piece completed it. */
    public Optional<IpPacket> add(IpPacket piece) {
        Fragment fragment = piece.fragment();
        if (fragment == null || !fragment.isPiece()) {
            return Optional.of(piece);
        }
        Key key = new Key(piece.version(), piece.source(), piece.destination(), piece.protocol(),
                fragment.identification());
        Pending p = pending.computeIfAbsent(key, k -> new Pending());
        evictOldest();
        ByteBuffer data = piece.payload();
        int length = Math.min(data.limit(), MAX_DATAGRAM - fragment.offset());
        if (length < 0) {
            return Optional.empty();
        }
        for (int i = 0; i < length; i++) {
            int at = fragment.offset() + i;
            if (!p.have.get(at)) {
                p.data[at] = data.get(i);
                p.have.set(at);
            }
        }
        if (fragment.offset() == 0) {
            p.first = piece;
        }
        if (!fragment.more()) {
            p.end = fragment.offset() + length;
        }
        if (p.first != null && p.end >= 0 && p.have.nextClearBit(0) >= p.end) {
            pending.remove(key);
            ByteBuffer whole = ByteBuffer.wrap(p.data, 0, p.end).slice().order(ByteOrder.BIG_ENDIAN);
            return Optional.of(p.first.withPayload(whole, p.first.headerLength() + p.end));
        }
        return Optional.empty();
    }

    private void evictOldest() {
        Iterator<Key> keys = pending.keySet().iterator();
        while (pending.size() > maxDatagrams && keys.hasNext()) {
            keys.next();
            keys.remove();
            dropped++;
        }
    }

    /** Datagrams given up because too many were in progress. */
    public long dropped() {
        return dropped;
    }

    /** Datagrams still missing pieces. */
    public int inProgress() {
        return pending.size();
    }
}
