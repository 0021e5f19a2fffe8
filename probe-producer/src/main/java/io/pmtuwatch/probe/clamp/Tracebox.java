package io.pmtuwatch.probe.clamp;

import io.pmtuwatch.probe.capture.CapturedFrame;
import io.pmtuwatch.probe.capture.LiveCapture;
import io.pmtuwatch.probe.handshake.EgressInterface;
import io.pmtuwatch.probe.packet.Frame;
import io.pmtuwatch.probe.packet.FrameDecoder;
import io.pmtuwatch.probe.packet.IcmpKind;
import io.pmtuwatch.probe.packet.Quote;
import io.pmtuwatch.probe.packet.SynSegment;
import io.pmtuwatch.probe.socket.TcpSynSocket;
import io.pmtuwatch.probe.trace.AddressText;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Locates an MSS clamp with TTL-limited SYNs (the tracebox method): one SYN per TTL to the target
 * port, each from its own source port so even an 8-byte quote names its TTL; time-exceeded quotes
 * and the target's answer are captured with pcap4j on the egress interface, then judged by
 * {@link ClampLocator}. Runs in the calling thread's network namespace; needs root.
 */
public final class Tracebox {

    private static final int HEADERS_V4 = 40;
    private static final int HEADERS_V6 = 60;
    private static final long SPACING_MILLIS = 5;

    private final int maxTtl;
    private final Duration wait;

    public Tracebox(int maxTtl, Duration wait) {
        this.maxTtl = maxTtl;
        this.wait = wait;
    }

    public ClampVerdict locate(InetAddress target, int port) throws IOException {
        EgressInterface egress = EgressInterface.towards(target)
                .orElseThrow(() -> new IOException("no route to " + AddressText.of(target)));
        boolean v6 = target.getAddress().length == 16;
        // What a host on this interface advertises: the clamp rewrites it on the way.
        int mss = egress.mtu() - (v6 ? HEADERS_V6 : HEADERS_V4);
        int basePort = 20000 + ThreadLocalRandom.current().nextInt(30000);
        String filter = (v6 ? "icmp6" : "icmp") + " or (tcp and src port " + port + " and dst portrange "
                + (basePort + 1) + "-" + (basePort + maxTtl) + ")";
        Map<Integer, HopQuote> answers = new TreeMap<>();
        try (LiveCapture capture = LiveCapture.open(egress.name(), filter);
             TcpSynSocket sender = TcpSynSocket.open(target, port, 0)) {
            for (int ttl = 1; ttl <= maxTtl; ttl++) {
                long sequence = ThreadLocalRandom.current().nextInt() & 0xFFFFFFFFL;
                sender.setTtl(ttl);
                int errno = sender.sendSegment(
                        SynSegment.build(sender.localAddress().getAddress(), target, basePort + ttl, port, sequence, mss));
                if (errno != 0) {
                    throw new IOException("sending the TTL " + ttl + " SYN: errno " + errno);
                }
                sleep(SPACING_MILLIS);
                drain(capture, basePort, port, answers);
            }
            long deadline = System.nanoTime() + wait.toNanos();
            while (System.nanoTime() < deadline && !reachedWithAllBefore(answers)) {
                drain(capture, basePort, port, answers);
            }
        }
        List<HopQuote> hops = new ArrayList<>();
        for (int ttl = 1; ttl <= maxTtl; ttl++) {
            hops.add(answers.getOrDefault(ttl, new HopQuote(ttl, null, HopQuote.Kind.NONE, null, false)));
        }
        return ClampLocator.locate(mss, hops);
    }

    private static boolean reachedWithAllBefore(Map<Integer, HopQuote> answers) {
        return answers.values().stream().filter(h -> h.kind() == HopQuote.Kind.REACHED).mapToInt(HopQuote::ttl)
                .min().stream().allMatch(reached -> {
                    for (int t = 1; t < reached; t++) {
                        if (!answers.containsKey(t)) {
                            return false;
                        }
                    }
                    return true;
                }) && answers.values().stream().anyMatch(h -> h.kind() == HopQuote.Kind.REACHED);
    }

    private void drain(LiveCapture capture, int basePort, int port, Map<Integer, HopQuote> answers)
            throws IOException {
        CapturedFrame captured;
        while ((captured = capture.next()) != null) {
            Frame frame = FrameDecoder.decode(capture.linkType(), captured.bytes());
            if (frame.icmp() != null && frame.icmp().kind() == IcmpKind.TIME_EXCEEDED && frame.icmp().quote() != null) {
                Quote quote = frame.icmp().quote();
                int ttl = quote.sourcePort() - basePort;
                if (ttl >= 1 && ttl <= maxTtl && quote.destinationPort() == port) {
                    Integer quotedMss = quote.tcp() == null ? null : quote.tcp().options().mss();
                    answers.putIfAbsent(ttl, new HopQuote(ttl, AddressText.of(frame.ip().source()),
                            HopQuote.Kind.TIME_EXCEEDED, quotedMss, quote.tcpHeaderQuoted()));
                }
            } else if (frame.tcp() != null && frame.tcp().sourcePort() == port) {
                int ttl = frame.tcp().destinationPort() - basePort;
                if (ttl >= 1 && ttl <= maxTtl) {
                    answers.putIfAbsent(ttl, new HopQuote(ttl, AddressText.of(frame.ip().source()),
                            HopQuote.Kind.REACHED, frame.tcp().options().mss(), true));
                }
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
