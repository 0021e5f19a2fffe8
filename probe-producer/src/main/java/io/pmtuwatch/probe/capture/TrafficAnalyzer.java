package io.pmtuwatch.probe.capture;

import io.pmtuwatch.probe.packet.Encapsulation;
import io.pmtuwatch.probe.packet.Encapsulations;
import io.pmtuwatch.probe.packet.Frame;
import io.pmtuwatch.probe.packet.FrameDecoder;
import io.pmtuwatch.probe.packet.FrameHeaders;
import io.pmtuwatch.probe.packet.FragmentReassembler;
import io.pmtuwatch.probe.packet.IcmpHeader;
import io.pmtuwatch.probe.packet.IcmpKind;
import io.pmtuwatch.probe.packet.IcmpMessage;
import io.pmtuwatch.probe.packet.IpHeader;
import io.pmtuwatch.probe.packet.IpPacket;
import io.pmtuwatch.probe.packet.LinkType;
import io.pmtuwatch.probe.packet.Quote;
import io.pmtuwatch.probe.packet.TcpFlags;
import io.pmtuwatch.probe.packet.TcpHeader;
import io.pmtuwatch.probe.packet.TcpSegment;
import io.pmtuwatch.probe.trace.AddressText;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Accumulates what matters for PMTU/MSS diagnosis from a stream of frames: handshakes with their
 * MSS options, frag-needed / packet-too-big messages with the flow they quote, packet sizes per
 * flow, fragments, malformed frames. Pure (no I/O); one instance per capture; not thread-safe.
 *
 * <p>Counting follows the shared captures' manifest: a SYN is any segment with SYN and without ACK
 * (scanner probes with FIN/URG/PSH included), a SYN-ACK any with both; quotes inside ICMP errors are
 * never counted as traffic.
 */
public final class TrafficAnalyzer {

    private static final int IPV4_MIN_PTB = 68;
    private static final int IPV6_MIN_MTU = 1280;
    private static final int MAX_REASSEMBLIES = 256;
    // A live sensor under a PTB flood must not grow without bound; the flows keep their own events.
    private static final int MAX_RETAINED_EVENTS = 100_000;
    private static final Encapsulation[] ENCAPSULATIONS = Encapsulation.values();
    // Each watch widens the live kernel filter; bounded so a PTB flood cannot let all traffic through.
    private static final int MAX_WATCHES = 32;
    private final Map<List<Endpoint>, PtbWatch> watches = new LinkedHashMap<>(); // key: sender, receiver
    private long watchVersion;
    /** The watch put last, while it still is the newest in {@link #watches}; null when unknown. */
    private PtbWatch newestWatch;

    private final LinkType linkType;
    private final PassiveListener listener;
    private final FragmentReassembler reassembler = new FragmentReassembler(MAX_REASSEMBLIES);
    private final FlowTable flows = new FlowTable();
    private final MtuEventLog mtuEvents = new MtuEventLog(MAX_RETAINED_EVENTS);
    /** The text of the last router and receiver of an MTU event (a flood repeats them). */
    private final AddressTextMemo routerTexts = new AddressTextMemo();
    private final AddressTextMemo receiverTexts = new AddressTextMemo();
    private final MtuEventNotes eventNotes = new MtuEventNotes();
    /** Where a frame read in place is decoded: reused for every frame. */
    private final FrameHeaders headers = new FrameHeaders();
    /** Frames per encapsulation, by ordinal: a map's boxed counter was a sixth of analyze's main thread. */
    private final long[] encapsulationFrames = new long[ENCAPSULATIONS.length];
    private final Map<String, Integer> synMss = new TreeMap<>();
    private final Map<String, Integer> synAckMss = new TreeMap<>();
    private final Map<String, Integer> problems = new TreeMap<>();
    private long frames;
    private long bytes;
    private long notIp;
    private long malformed;
    private long ipv4Fragments;
    private long ipv6Fragments;
    private long reassembled;
    private long timeExceeded;
    private long otherIcmpErrors;
    private long snaplenCut;
    private long mssOnNonSyn;
    private long firstMicros = Long.MAX_VALUE;
    private long lastMicros = Long.MIN_VALUE;
    private long backwardsTimestamps;
    private long previousMicros = Long.MIN_VALUE;

    public TrafficAnalyzer(LinkType linkType) {
        this(linkType, PassiveListener.NONE);
    }

    public TrafficAnalyzer(LinkType linkType, PassiveListener listener) {
        this.linkType = linkType;
        this.listener = listener;
    }

    /**
     * Reports flows whose SYN has waited longer than {@code maxWaitMicros} for a SYN-ACK (outcome
     * SYN_ONLY), once each. For live captures, called periodically.
     */
    public void expireSynOnly(long nowMicros, long maxWaitMicros) {
        for (FlowStats flow : flows.values()) {
            if (!flow.reported && flow.synOptions != null && flow.synAckOptions == null
                    && nowMicros - flow.synMicros > maxWaitMicros) {
                flow.reported = true;
                listener.handshake(flow.snapshot());
            }
        }
    }

    /** Drops flows idle for longer than {@code idleMicros}: a live sensor's memory stays bounded. */
    public int forgetIdle(long nowMicros, long idleMicros) {
        int before = flows.size();
        newestWatch = null;
        flows.removeIf(flow -> {
            boolean idle = nowMicros - flow.lastMicros > idleMicros;
            if (idle && (watches.remove(List.of(flow.key.low(), flow.key.high())) != null
                    | watches.remove(List.of(flow.key.high(), flow.key.low())) != null)) {
                watchVersion++;
            }
            return idle;
        });
        return before - flows.size();
    }

    public void accept(CapturedFrame captured) {
        accept(captured, FrameDecoder.decode(linkType, captured.bytes()));
    }

    /**
     * {@link #accept(CapturedFrame)} of a frame read in place, with the same result. Most frames are plain
     * TCP segments that count only in numbers (sizes, sequence numbers, flags): those are decoded into
     * reused headers and analysed from them, no object made. A TCP segment that matters on its own (a SYN
     * or SYN-ACK, a segment with an MSS option) gets its packet and segment objects made from those
     * headers (not decoded a second time). A whole, untunnelled ICMP packet is analysed from the reused
     * headers too; only a frag-needed / packet-too-big gets its message and quote made, from the same
     * buffer. Every other frame (fragments, tunnels, damaged headers, not IP) gets its bytes copied and its
     * objects made, as {@link #accept(CapturedFrame)} does.
     */
    void accept(RecordView record) {
        if (headers.decodeTcp(linkType, record.bytes(), record.start(), record.end())) {
            frames++;
            bytes += record.length();
            track(record.timestampMicros(), record.originalLength(), record.length());
            countEncapsulations(headers.encapsulations());
            TcpHeader tcp = headers.tcp();
            if ((tcp.flags() & TcpFlags.SYN) == 0 && !tcp.hasMss()) {
                plainSegment(record, headers.ip(), tcp);
            } else {
                handshakeSegment(record);
            }
            return;
        }
        if (headers.icmpPacket()) {
            icmpPacket(record);
            return;
        }
        accept(record.copy());
    }

    /**
     * What {@link #accept(CapturedFrame, Frame)} does with a whole, untunnelled ICMP packet, from the
     * headers: no copy of the frame, and no object unless it reports an MTU (then its message, whose quote
     * is a view of the reader's buffer, never kept: only its header fields and addresses are).
     */
    private void icmpPacket(RecordView record) {
        frames++;
        bytes += record.length();
        track(record.timestampMicros(), record.originalLength(), record.length());
        countEncapsulations(headers.encapsulations());
        IcmpHeader icmp = headers.icmp();
        IcmpKind kind = icmp.kind();
        if (kind == null) {
            return;
        }
        if (kind.reportsMtu()) {
            IpHeader ip = headers.ip();
            mtuEvent(record.number(), record.timestampMicros(), ip.source(), ip.destination(), ip.hopLimit(),
                    icmp.message(record.bytes()));
        } else if (kind == IcmpKind.TIME_EXCEEDED) {
            timeExceeded++;
        } else {
            otherIcmpErrors++;
        }
    }

    /**
     * The rest of what {@link #accept(CapturedFrame, Frame)} does with a whole, untunnelled TCP segment
     * (counted by the caller), from the headers: its packet is its outermost one. The packet's payload is a view of the reader's buffer,
     * never kept (only its header fields are).
     */
    private void handshakeSegment(RecordView record) {
        IpPacket ip = headers.ip().packet(record.bytes());
        tcp(record.timestampMicros(), headers.encapsulations(), ip, ip, headers.tcp().segment(), true);
    }

    /** The rest of what {@link #accept(CapturedFrame, Frame)} does with a TCP segment without SYN or MSS, untunnelled and whole (counted by the caller). */
    private void plainSegment(RecordView record, IpHeader ip, TcpHeader tcp) {
        FlowTable.Sided sided = flows.sided(ip, tcp.sourcePort(), tcp.destinationPort());
        FlowStats flow = sided.flow();
        flow.packets++;
        flow.lastMicros = record.timestampMicros();
        flow.encapsulations |= headers.encapsulations();
        sent(flow, sided.source(), sided.destination(), ip.totalLength(),
                ip.totalLength() - ip.headerLength() - tcp.headerLength(), tcp.sequence(), ip.dontFragment(), true);
    }

    /** {@link #accept(CapturedFrame)} of a frame already decoded by {@link FrameDecoder#decode} (by a reading thread). */
    void accept(CapturedFrame captured, Frame frame) {
        frames++;
        bytes += captured.bytes().length;
        track(captured.timestampMicros(), captured.originalLength(), captured.bytes().length);
        switch (frame.status()) {
            case NOT_IP -> notIp++;
            case MALFORMED -> {
                malformed++;
                problems.merge(frame.problem(), 1, Integer::sum);
            }
            case DECODED -> decoded(captured, frame);
        }
    }

    private void track(long t, int originalLength, int capturedLength) {
        firstMicros = Math.min(firstMicros, t);
        lastMicros = Math.max(lastMicros, t);
        if (t < previousMicros) {
            backwardsTimestamps++;
        }
        previousMicros = t;
        if (originalLength > capturedLength) {
            snaplenCut++;
        }
    }

    private void decoded(CapturedFrame captured, Frame frame) {
        countEncapsulations(frame.encapsulations());
        IpPacket ip = frame.ip();
        boolean wire = true;
        if (frame.outer().isFragmentPiece() || ip.isFragmentPiece()) {
            wire = false; // a reassembled datagram crossed the links as pieces
            IpPacket piece = frame.outer().isFragmentPiece() ? frame.outer() : ip;
            if (piece.version() == 4) {
                ipv4Fragments++;
            } else {
                ipv6Fragments++;
            }
            Optional<IpPacket> whole = reassembler.add(piece);
            if (whole.isEmpty()) {
                return;
            }
            reassembled++;
            frame = FrameDecoder.ofIp(whole.get(), frame.encapsulations());
            if (frame.status() != Frame.Status.DECODED) {
                malformed++;
                problems.merge("reassembled: " + frame.problem(), 1, Integer::sum);
                return;
            }
            ip = frame.ip();
        }
        if (frame.tcp() != null) {
            tcp(captured.timestampMicros(), frame.encapsulations(), frame.outer(), ip, frame.tcp(), wire);
        } else if (frame.icmp() != null) {
            icmp(captured, ip, frame.icmp());
        }
    }

    private void countEncapsulations(int bits) {
        // Most frames have no encapsulation; values() would copy the array for every frame.
        if (bits != 0) {
            for (Encapsulation e : ENCAPSULATIONS) {
                if (Encapsulations.has(bits, e)) {
                    encapsulationFrames[e.ordinal()]++;
                }
            }
        }
    }

    /** @param outer the outermost IP packet of the frame, {@code ip} itself when not tunnelled */
    private void tcp(long timestampMicros, int encapsulations, IpPacket outer, IpPacket ip, TcpSegment tcp,
            boolean wire) {
        FlowTable.Sided sided = flows.sided(IpPacket.PROTOCOL_TCP, ip.source(), tcp.sourcePort(), ip.destination(),
                tcp.destinationPort(), ip.version());
        FlowStats flow = sided.flow();
        Endpoint source = sided.source();
        Endpoint destination = sided.destination();
        flow.packets++;
        flow.lastMicros = timestampMicros;
        flow.encapsulations |= encapsulations;
        if (outer != ip) {
            // Outer headers in front of the inner packet: what the tunnel takes from the underlay MTU.
            flow.tunnelOverhead = Math.max(0, outer.totalLength() - ip.totalLength());
        }
        TcpFlags flags = tcp.flags();
        Integer mss = tcp.options().mss();
        if (flags.syn() && !flags.ack()) {
            synMss.merge(mssText(mss), 1, Integer::sum);
            syn(timestampMicros, flow, source, destination, tcp);
        } else if (flags.syn()) {
            synAckMss.merge(mssText(mss), 1, Integer::sum);
            synAck(timestampMicros, flow, source, destination, tcp);
        } else if (mss != null) {
            // MSS is only meaningful on SYNs (RFC 9293 3.7.1): counted, never used.
            mssOnNonSyn++;
            flow.mssOnNonSyn++;
        }
        sent(flow, source, destination, ip.totalLength(), payload(ip, tcp), tcp.sequence(), ip.dontFragment(), wire);
    }

    /** A segment's size and sequence number: largest packets, offload, and whether its sender ignores PTBs. */
    private void sent(FlowStats flow, Endpoint source, Endpoint destination, int ipLength, int payload,
            long sequence, boolean dontFragment, boolean wire) {
        boolean fromClient = flow.fromClient(source);
        if (sizes(flow, fromClient, ipLength, payload) && wire
                && (fromClient ? flow.clientCompliance : flow.serverCompliance)
                        .segment(sequence, payload, ipLength, dontFragment)) {
            if (listening()) {
                listener.ptbIgnored(flow.snapshot(), latestValid(flow));
            }
            newestWatch = null;
            if (watches.remove(List.of(source, destination)) != null) {
                watchVersion++;
            }
        }
    }

    private void watch(PtbWatch watch) {
        if (watch.equals(newestWatch)) {
            // Already the newest: removing and putting it again would change nothing (a PTB flood on
            // one flow repeats the same watch for every message).
            return;
        }
        newestWatch = watch;
        List<Endpoint> key = List.of(watch.sender(), watch.receiver());
        PtbWatch before = watches.remove(key);
        watches.put(key, watch);
        if (watches.size() > MAX_WATCHES) {
            watches.remove(watches.keySet().iterator().next()); // the oldest
        }
        if (!watch.equals(before)) {
            watchVersion++;
        }
    }

    /**
     * Senders sent a packet-too-big and not yet judged, newest last (at most {@value #MAX_WATCHES}): a
     * live sensor lets their oversized packets through its kernel filter.
     */
    public List<PtbWatch> watches() {
        return List.copyOf(watches.values());
    }

    /** Changes whenever {@link #watches()} does. */
    public long watchVersion() {
        return watchVersion;
    }

    private static int payload(IpPacket ip, TcpSegment tcp) {
        return ip.totalLength() - ip.headerLength() - tcp.headerLength();
    }

    private static MtuEvent latestValid(FlowStats flow) {
        for (int i = flow.mtuEvents.size() - 1; i >= 0; i--) {
            if (flow.mtuEvents.get(i).valid()) {
                return flow.mtuEvents.get(i);
            }
        }
        throw new IllegalStateException("a sender judged on no packet-too-big");
    }

    private static final int ODD_WITH_SYN = TcpFlags.FIN | TcpFlags.RST | TcpFlags.PSH | 0x20;

    private void syn(long timestampMicros, FlowStats flow, Endpoint source, Endpoint destination, TcpSegment tcp) {
        flow.synCount++;
        if ((tcp.flags().bits() & ODD_WITH_SYN) != 0) {
            flow.oddSynCount++;
            if (flow.client == null) {
                flow.client = source;
                flow.server = destination;
            }
            return;
        }
        flow.synMssValues.add(tcp.options().mss());
        if (flow.synOptions == null || !source.equals(flow.client)) {
            flow.client = source;
            flow.server = destination;
            flow.synOptions = tcp.options();
            flow.synMicros = timestampMicros;
        }
    }

    private void synAck(long timestampMicros, FlowStats flow, Endpoint source, Endpoint destination,
            TcpSegment tcp) {
        flow.synAckCount++;
        if ((tcp.flags().bits() & (TcpFlags.FIN | TcpFlags.RST)) != 0) {
            return;
        }
        if (flow.client == null) {
            flow.client = destination;
            flow.server = source;
        }
        if (flow.synAckOptions == null) {
            flow.synAckOptions = tcp.options();
            flow.synAckMicros = timestampMicros;
            if (flow.synOptions != null && !flow.reported) {
                flow.reported = true;
                listener.handshake(flow.snapshot());
            }
        }
    }

    /** @return false for an offload super-segment, which is no wire packet */
    private static boolean sizes(FlowStats flow, boolean fromClient, int size, int payload) {
        // The receiver's MSS bounds every wire segment it gets; a larger payload was built by offload
        // (TSO on the sender's NIC, GRO on the capturing host) and says nothing about the path MTU.
        Integer receiverMss = fromClient ? flow.mssReceived() : flow.mssSent();
        if (receiverMss != null && payload > receiverMss) {
            flow.offloadSegments++;
            flow.largestOffloadPacket = Math.max(flow.largestOffloadPacket, size);
            return false;
        }
        if (fromClient) {
            flow.largestFromClient = Math.max(flow.largestFromClient, size);
            if (flow.ptbTowardsClient) {
                flow.largestFromClientAfterPtb = Math.max(flow.largestFromClientAfterPtb, size);
            }
        } else {
            flow.largestFromServer = Math.max(flow.largestFromServer, size);
            if (flow.ptbTowardsServer) {
                flow.largestFromServerAfterPtb = Math.max(flow.largestFromServerAfterPtb, size);
            }
        }
        return true;
    }

    private void icmp(CapturedFrame captured, IpPacket ip, IcmpMessage icmp) {
        switch (icmp.kind()) {
            case FRAG_NEEDED, PACKET_TOO_BIG -> mtuEvent(captured.number(), captured.timestampMicros(), ip.source(),
                    ip.destination(), ip.hopLimit(), icmp);
            case TIME_EXCEEDED -> timeExceeded++;
            default -> otherIcmpErrors++;
        }
    }

    /** @param source the ICMP packet's source (the router), {@code destination} and {@code hopLimit} its others */
    private void mtuEvent(long number, long timestampMicros, InetAddress source, InetAddress destination,
            int hopLimit, IcmpMessage icmp) {
        Quote quote = icmp.quote();
        FlowKey key = null;
        Endpoint quotedSource = null;
        Endpoint quotedDestination = null;
        int protocol = -1;
        int quotedLength = 0;
        FlowStats flow = null;
        int tunnelledVersion = MtuEventNotes.ABSENT;
        if (quote != null) {
            IpPacket q = quote.flow();
            protocol = q.protocol();
            quotedLength = quote.ip().totalLength();
            if (quote.sourcePort() >= 0) {
                quotedSource = new Endpoint(q.source(), quote.sourcePort());
                quotedDestination = new Endpoint(q.destination(), quote.destinationPort());
                key = FlowKey.of(protocol, quotedSource, quotedDestination);
                flow = flow(key, q.version());
            }
            if (quote.flow() != quote.ip()) {
                tunnelledVersion = q.version();
            }
        }
        int mtu = icmp.mtu();
        int refused = quotedLength;
        int rewrittenSeen = MtuEventNotes.ABSENT;
        if (flow != null && quotedLength > 0 && quotedLength <= mtu) {
            int seen = flow.fromClient(quotedSource) ? flow.largestFromClient : flow.largestFromServer;
            if (seen > mtu) {
                // The router rewrote or cut the quoted length: judged against the flow's largest packet instead.
                rewrittenSeen = seen;
                refused = seen;
            }
        }
        Integer receiverMss = flow == null || protocol != 6 ? null
                : flow.fromClient(quotedSource) ? flow.mssReceived() : flow.mssSent();
        int superSegmentMss = MtuEventNotes.ABSENT;
        if (receiverMss != null && OffloadQuotes.isSuperSegment(quote.flow(), receiverMss)) {
            // No wire segment of this flow can be that large: the router (often a tunnel device on the
            // capturing host itself) quoted a TSO/GRO super-segment, whose length is not the size of any
            // packet on the link before it; the MTU before the drop stays unknown (size 0).
            superSegmentMss = receiverMss;
            refused = 0;
        }
        String router = routerTexts.of(source);
        String invalid = invalidReason(icmp, mtu, refused, quote);
        boolean ownDestination = quote != null && quote.flow().destination().equals(source);
        boolean linkLocalTarget = destination instanceof Inet6Address d && d.isLinkLocalAddress()
                && !source.isLinkLocalAddress();
        List<String> notes = eventNotes.of(tunnelledVersion, quotedLength, mtu, rewrittenSeen, superSegmentMss,
                ownDestination, linkLocalTarget);
        MtuEvent event = new MtuEvent(number, timestampMicros, icmp.kind(), router,
                receiverTexts.of(destination), hopLimit, mtu, key, quotedSource, quotedDestination, protocol,
                quotedLength, refused, invalid, notes);
        mtuEvents.add(event);
        if (flow != null) {
            flow.lastMicros = timestampMicros;
            flow.mtuEvents.add(event);
            if (event.valid()) {
                if (flow.fromClient(quotedSource)) {
                    flow.ptbTowardsClient = true;
                } else {
                    flow.ptbTowardsServer = true;
                }
                if (protocol == IpPacket.PROTOCOL_TCP) {
                    PtbCompliance compliance = flow.compliance(quotedSource);
                    compliance.packetTooBig(mtu, router, quote.tcp() == null ? null : quote.tcp().sequence());
                    watch(new PtbWatch(quotedSource, quotedDestination, compliance.ptbMtu()));
                }
            }
        }
        if (listening()) {
            listener.mtuEvent(flow == null ? null : flow.snapshot(), event);
        }
    }

    /**
     * Whether anyone is told: a snapshot copies the flow's MTU events, and a file with tens of thousands
     * of packet-too-bigs for one flow made {@code analyze} (which listens to nothing) spend most of its
     * time copying them once per event.
     */
    private boolean listening() {
        return listener != PassiveListener.NONE;
    }

    private static String invalidReason(IcmpMessage icmp, int mtu, int refused, Quote quote) {
        if (mtu == 0) {
            return "no next-hop MTU given (a pre-RFC 1191 router)";
        }
        if (icmp.version() == 6 && mtu < IPV6_MIN_MTU) {
            return "IPv6 MTU " + mtu + " below the 1280-byte minimum (RFC 8200); hosts must not lower a PMTU below it"
                    + " (RFC 8201) and atomic fragments are deprecated (RFC 8021)";
        }
        if (icmp.version() == 4 && mtu < IPV4_MIN_PTB) {
            return "IPv4 MTU " + mtu + " below the 68-byte minimum (RFC 791)";
        }
        if (quote == null) {
            return "quote too short to name the refused packet";
        }
        if (refused > 0 && mtu >= refused) {
            return "MTU " + mtu + " not smaller than the " + refused + "-byte packet it refused";
        }
        return null;
    }

    private FlowStats flow(FlowKey key, int ipVersion) {
        return flows.flow(key, ipVersion);
    }

    private static String mssText(Integer mss) {
        return mss == null ? "none" : Integer.toString(mss);
    }

    /** Frames accepted so far (what {@link #result()} counts, without snapshotting every flow). */
    public long framesSeen() {
        return frames;
    }

    /** MTU events seen so far, those beyond the retained ones included (the result keeps the first 100,000). */
    public long mtuEventsSeen() {
        return mtuEvents.total();
    }

    /** What was seen so far; the analyzer may go on accepting frames. */
    public AnalysisResult result() {
        return new AnalysisResult(linkType,
                new AnalysisResult.Frames(frames, bytes, notIp, malformed,
                        // Sorted by name: Map.copyOf's order changes from one JVM start to the next, and
                        // the JSON lists the reasons in the map's order.
                        java.util.Collections.unmodifiableMap(new TreeMap<>(problems)), snaplenCut,
                        java.util.Collections.unmodifiableMap(encapsulationCounts())),
                new AnalysisResult.Fragments(ipv4Fragments, ipv6Fragments, reassembled, reassembler.inProgress()),
                new AnalysisResult.Icmp(timeExceeded, otherIcmpErrors),
                new AnalysisResult.Mss(Map.copyOf(synMss), Map.copyOf(synAckMss), mssOnNonSyn),
                new AnalysisResult.Span(frames == 0 ? 0 : firstMicros, frames == 0 ? 0 : lastMicros, backwardsTimestamps),
                mtuEvents.snapshot(), flows.values().stream().map(FlowStats::snapshot).toList());
    }

    /** The encapsulations seen, each with its frame count (none seen: not in the map). */
    private EnumMap<Encapsulation, Long> encapsulationCounts() {
        EnumMap<Encapsulation, Long> counts = new EnumMap<>(Encapsulation.class);
        for (Encapsulation e : ENCAPSULATIONS) {
            if (encapsulationFrames[e.ordinal()] > 0) {
                counts.put(e, encapsulationFrames[e.ordinal()]);
            }
        }
        return counts;
    }

    static String text(InetAddress address) {
        return AddressText.of(address);
    }
}
