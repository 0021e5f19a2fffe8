package io.pmtuwatch.probe.returnpath;

import io.pmtuwatch.probe.handshake.CaptureCapability;
import io.pmtuwatch.probe.handshake.EgressInterface;
import io.pmtuwatch.probe.packet.TcpPacket;
import io.pmtuwatch.schemas.ReturnPath;
import io.pmtuwatch.schemas.ReturnPathMethod;
import io.pmtuwatch.schemas.ReturnPathOutcome;
import io.pmtuwatch.schemas.ReturnPathRequest;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Measures the return direction (target to agent) over a real TCP connection to the target's port:
 * our kernel advertises its full MSS, we ask for an answer of several segments and watch which
 * segments arrive. With capture (root or CAP_NET_RAW) every segment is seen: the largest that arrived,
 * and a stall shows as a hole in the target's sequence space (something it sent never came). Then,
 * as scamper's tbit does, we send the target a packet-too-big for its missing segment and watch
 * whether it resends smaller: if it does, the return path is a black hole; if not, the target
 * ignores PMTU discovery. Unprivileged, only the bytes the socket delivers are seen.
 *
 * <p>Everything happens on the calling thread, hence in its network namespace. The connection is
 * reset at the end, so a stalled target stops retransmitting into the hole.
 */
public final class ReturnPathProber {

    private static final Logger LOG = LoggerFactory.getLogger(ReturnPathProber.class);
    /** TCP options a full-size segment may carry on top of its payload (timestamps: 12, SACK blocks). */
    private static final int OPTION_SLACK = 40;
    /** Longest stretch spent reading the capture before the socket and the clock are looked at again. */
    private static final long READ_SLICE_NANOS = 20_000_000;
    private static final long CATCH_UP_NANOS = 300_000_000;

    private final ReturnPathSettings settings;

    public ReturnPathProber(ReturnPathSettings settings) {
        this.settings = settings;
    }

    /** Never throws for network trouble: failures come back as NO_CONNECTION with the reason. */
    public ReturnPath measure(InetAddress target, int port, String host, ReturnPathRequest request) {
        long start = System.nanoTime();
        ReturnPath.Builder out = ReturnPath.newBuilder().setRequest(request).setMethod(ReturnPathMethod.SOCKET_BYTES)
                .setOutcome(ReturnPathOutcome.UNKNOWN);
        try (SocketChannel channel = SocketChannel.open(target instanceof Inet6Address ? StandardProtocolFamily.INET6
                : StandardProtocolFamily.INET)) {
            channel.bind(null);
            int localPort = ((InetSocketAddress) channel.getLocalAddress()).getPort();
            ReturnCapture capture = null;
            String note = null;
            if (settings.capture() && CaptureCapability.currentProcessMayCapture()) {
                try {
                    EgressInterface egress = EgressInterface.towards(target)
                            .orElseThrow(() -> new IOException("no egress interface towards " + target.getHostAddress()));
                    capture = ReturnCapture.open(egress.name(), target, port, localPort);
                    out.setMethod(ReturnPathMethod.PCAP);
                } catch (IOException e) {
                    note = "capture unavailable, counted bytes only: " + e.getMessage();
                }
            } else {
                note = "no CAP_NET_RAW: segment sizes and the packet-too-big test need root or CAP_NET_RAW";
            }
            try {
                channel.socket().connect(new InetSocketAddress(target, port),
                        (int) settings.connectTimeout().toMillis());
            } catch (IOException e) {
                return out.setOutcome(ReturnPathOutcome.NO_CONNECTION).setError("connect: " + e.getMessage())
                        .setDurationMicros(micros(start)).build();
            }
            channel.setOption(StandardSocketOptions.SO_LINGER, 0);
            channel.configureBlocking(false);
            ByteBuffer ask = ByteBuffer.wrap(ReturnRequest.bytes(request, host, settings.httpPath()));
            while (ask.hasRemaining()) {
                channel.write(ask);
            }
            try (ReturnCapture closing = capture) {
                Watch watch = new Watch(channel, closing, target, port, localPort, request);
                watch.run(start, out);
            }
            if (note != null && out.getError() == null) {
                out.setError(note);
            }
        } catch (IOException e) {
            out.setOutcome(ReturnPathOutcome.NO_CONNECTION).setError(e.getMessage());
        }
        return out.setDurationMicros(micros(start)).build();
    }

    private static long micros(long startNanos) {
        return (System.nanoTime() - startNanos) / 1000;
    }

    /** The read loop of one test: socket bytes, captured segments, stall, packet-too-big. */
    private final class Watch {
        private final SocketChannel channel;
        private final ReturnCapture capture;
        private final InetAddress target;
        private final int port;
        private final int localPort;
        private final ReturnPathRequest request;
        private final ByteBuffer buffer = ByteBuffer.allocate(65536);
        private ReceiveSequence sequence;
        private Integer targetMss;
        private Integer ourMss;
        private InetAddress ourAddress;
        private long ourNextSequence;
        private byte[] frameFromTarget;
        private long delivered;
        private boolean eof;
        private long lastProgress;
        private int largestAfterPtb;

        Watch(SocketChannel channel, ReturnCapture capture, InetAddress target, int port, int localPort,
              ReturnPathRequest request) {
            this.request = request;
            this.channel = channel;
            this.capture = capture;
            this.target = target;
            this.port = port;
            this.localPort = localPort;
        }

        void run(long start, ReturnPath.Builder out) throws IOException {
            long deadline = start + settings.maxDuration().toNanos();
            lastProgress = System.nanoTime();
            long ptbSentAt = 0;
            long holeAtPtb = 0;
            while (true) {
                boolean progress = readSocket() | readCapture(ptbSentAt != 0);
                long now = System.nanoTime();
                if (progress) {
                    lastProgress = now;
                }
                if (ptbSentAt != 0) {
                    // Full-size segments cannot cross the black hole: data that now arrives came smaller.
                    boolean resent = sequence.inOrder() > holeAtPtb;
                    if (resent || eof || now - ptbSentAt > settings.ptbWait().toNanos() || now > deadline) {
                        out.setShrankAfterPtb(resent);
                        break;
                    }
                    continue;
                }
                if (eof || delivered >= settings.maxBytes() || now > deadline) {
                    catchUp();
                    break;
                }
                boolean idle = now - lastProgress > settings.stallAfter().toNanos();
                if (!idle) {
                    continue;
                }
                if (capture == null) {
                    // Unprivileged: an HTTP answer to "Connection: close" ends with the server closing; a TLS
                    // server waits for our next message, so its silence tells nothing.
                    if (request == ReturnPathRequest.HTTP_GET) {
                        out.setOutcome(ReturnPathOutcome.STALLED);
                        out.setError("stalled: no end of the HTTP answer after " + delivered + " bytes; segment sizes"
                                + " and the packet-too-big test need root or CAP_NET_RAW");
                    }
                    break;
                }
                if (sequence == null || !sequence.hasHole()) {
                    break; // the answer ended
                }
                out.setOutcome(ReturnPathOutcome.STALLED);
                Optional<String> failure = sendPtb(out);
                if (failure.isPresent()) {
                    out.setError(failure.get());
                    break;
                }
                ptbSentAt = now;
                holeAtPtb = sequence.inOrder();
            }
            fill(out);
        }

        /** The socket may deliver the end before the capture hands over the segments that carried it. */
        private void catchUp() throws IOException {
            long until = System.nanoTime() + CATCH_UP_NANOS;
            while (capture != null && System.nanoTime() < until
                    && (sequence == null || sequence.inOrder() < delivered + (eof ? 1 : 0))) {
                readCapture(false);
            }
        }

        private boolean readSocket() throws IOException {
            boolean progress = false;
            int n;
            while ((n = channel.read(buffer.clear())) > 0) {
                delivered += n;
                progress = true;
            }
            if (n < 0) {
                eof = true;
            }
            if (capture == null && !progress && !eof) {
                sleepBriefly();
            }
            return progress;
        }

        /** Reads what the capture has; true when the target's in-order data advanced. */
        private boolean readCapture(boolean afterPtb) throws IOException {
            if (capture == null) {
                return false;
            }
            boolean progress = false;
            long until = System.nanoTime() + READ_SLICE_NANOS;
            Optional<ReturnCapture.Segment> next;
            while (System.nanoTime() < until && (next = capture.next()).isPresent()) {
                TcpPacket p = next.get().packet();
                int payload = p.ip().totalLength() - p.ip().headerLength() - p.tcp().headerLength();
                if (p.tcp().sourcePort() == port && p.ip().source().equals(target)) {
                    frameFromTarget = next.get().frame();
                    if (p.tcp().flags().syn()) {
                        targetMss = p.tcp().options().mss();
                        sequence = new ReceiveSequence(p.tcp().sequence());
                        continue;
                    }
                    if (sequence == null || p.tcp().flags().rst()) {
                        continue;
                    }
                    // Receive offload (GRO) hands the capture several segments as one packet; it merges only
                    // segments of one size, the full size in use, so a packet above it stands for full-size ones.
                    int options = p.tcp().headerLength() - 20;
                    int segment = Math.min(Math.max(0, payload), segmentCap(afterPtb) - options);
                    int packet = segment + p.ip().headerLength() + p.tcp().headerLength();
                    boolean merged = payload > segment;
                    progress |= sequence.add(p.tcp().sequence(), Math.max(0, payload), segment, packet,
                            p.tcp().flags().fin());
                    if (afterPtb && payload > 0 && !merged) {
                        largestAfterPtb = Math.max(largestAfterPtb, p.ip().totalLength());
                    }
                } else if (p.tcp().sourcePort() == localPort) {
                    ourAddress = p.ip().source();
                    if (p.tcp().flags().syn()) {
                        ourMss = p.tcp().options().mss();
                    }
                    long end = (p.tcp().sequence() + Math.max(0, payload) + (p.tcp().flags().syn() ? 1 : 0))
                            & 0xFFFF_FFFFL;
                    ourNextSequence = end;
                }
            }
            return progress;
        }

        /** The largest segment (MSS, options included) the target may send now. */
        private int segmentCap(boolean afterPtb) {
            int mss = Math.min(targetMss == null ? 65535 : targetMss, ourMss == null ? 65535 : ourMss);
            int headers = target instanceof Inet6Address ? 60 : 40;
            return afterPtb ? Math.min(mss, settings.ptbMtu() - headers) : mss;
        }

        /** The packet-too-big for the first missing segment, as the router in front of a narrow link would send it. */
        private Optional<String> sendPtb(ReturnPath.Builder out) {
            if (capture == null) {
                return Optional.of("stalled; no packet-too-big test without capture (root or CAP_NET_RAW)");
            }
            int mss = Math.min(targetMss == null ? 1460 : targetMss, ourMss == null ? 1460 : ourMss);
            int headers = target instanceof Inet6Address ? 60 : 40;
            int quotedLength = mss + headers;
            if (quotedLength <= settings.ptbMtu() || ourAddress == null) {
                return Optional.of("stalled with segments no larger than " + quotedLength
                        + " bytes: a packet-too-big for " + settings.ptbMtu() + " would not make them smaller");
            }
            byte[] ip = PacketTooBig.build(ourAddress, localPort, target, port, settings.ptbMtu(), quotedLength,
                    sequence.firstMissingSequence(), ourNextSequence);
            Optional<byte[]> frame = LinkFrame.wrap(capture.linkType(), frameFromTarget, ip,
                    target instanceof Inet6Address);
            if (frame.isEmpty()) {
                return Optional.of("cannot send a packet-too-big on link type " + capture.linkType());
            }
            try {
                capture.inject(frame.get());
            } catch (IOException e) {
                return Optional.of(e.getMessage());
            }
            out.setPtbMtu(settings.ptbMtu());
            LOG.debug("return path to {}:{} stalled at byte {}: sent a packet-too-big for {}", target.getHostAddress(),
                    port, sequence.inOrder(), settings.ptbMtu());
            return Optional.empty();
        }

        private void fill(ReturnPath.Builder out) {
            out.setBytesReceived(delivered).setTargetMss(targetMss).setMssAdvertised(ourMss);
            if (sequence != null) {
                out.setSegmentsReceived(sequence.segments()).setOutOfOrderSegments(sequence.outOfOrderSegments());
                if (sequence.largestSegment() > 0) {
                    out.setLargestSegment(sequence.largestSegment()).setLargestPacket(sequence.largestPacket());
                }
            }
            if (out.getPtbMtu() != null) {
                out.setLargestAfterPtb(largestAfterPtb == 0 ? null : largestAfterPtb);
                if (out.getShrankAfterPtb() == null) {
                    out.setShrankAfterPtb(false);
                }
            }
            if (out.getOutcome() == ReturnPathOutcome.STALLED) {
                return;
            }
            int fullSize = Math.min(targetMss == null ? Integer.MAX_VALUE : targetMss,
                    ourMss == null ? Integer.MAX_VALUE : ourMss);
            boolean full = capture != null && sequence != null && fullSize != Integer.MAX_VALUE
                    && sequence.largestSegment() >= fullSize - OPTION_SLACK;
            if (capture == null) {
                // Unprivileged: segment sizes are unknown, so an answer that ended is all we can vouch for.
                out.setOutcome(delivered > 0 ? ReturnPathOutcome.COMPLETE : ReturnPathOutcome.NOT_EXERCISED);
            } else {
                out.setOutcome(full ? ReturnPathOutcome.COMPLETE : ReturnPathOutcome.NOT_EXERCISED);
                if (!full && out.getError() == null) {
                    out.setError(delivered == 0 ? "the target sent no data"
                            : "the answer (" + delivered + " bytes) needed no full-size segment");
                }
            }
        }

        private void sleepBriefly() {
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
