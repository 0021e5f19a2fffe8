package io.pmtuwatch.probe.packet;

import static io.pmtuwatch.probe.packet.Fixtures.ETHERNET_IPV4;
import static io.pmtuwatch.probe.packet.Fixtures.ETHERNET_IPV6;
import static io.pmtuwatch.probe.packet.Fixtures.SYN_OPTIONS;
import static io.pmtuwatch.probe.packet.Fixtures.ipv6;
import static io.pmtuwatch.probe.packet.Fixtures.length;
import static io.pmtuwatch.probe.packet.Fixtures.tcp;
import static org.assertj.core.api.Assertions.assertThat;

import io.pmtuwatch.probe.capture.BundledFrames;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * ICMP packets decoded in place ({@link FrameHeaders} with its {@link IcmpHeader}) against the same bytes
 * decoded into objects ({@link FrameDecoder}, {@link IcmpDecoder}): the in-place path claims exactly the
 * whole, untunnelled ICMP packets, and gives the same message and quote, for hand-written frames, every
 * cut of them, the bundled captures' frames and mutations of them.
 */
class IcmpHeaderTest {

    private static final long SEED = 0x1C_3F00DL;
    /** A router 10.0.0.254 sending to 192.168.0.2, TTL 63. */
    private static final String ROUTER_TO_CLIENT = " 0000 0000 3f01 0000 0a0000fe c0a80002";
    private static final String ROUTER_V6 = "20010db80000000000000000000000fe";

    private static String icmpV4(String icmp) {
        return ETHERNET_IPV4 + "4500" + String.format("%04x", 20 + length(icmp)) + ROUTER_TO_CLIENT + icmp;
    }

    private static String icmpV6(String icmp) {
        return ETHERNET_IPV6 + "60000000" + String.format("%04x", length(icmp)) + "3a40" + ROUTER_V6
                + "20010db8000000000000000000000002" + icmp;
    }

    /** The quoted IPv4 packet 192.168.0.2 -> 192.168.0.1, claiming {@code totalLength}, protocol as given. */
    private static String quotedV4(int totalLength, int protocol, String transport) {
        return "4500" + String.format("%04x", totalLength) + " 1c46 4000 40" + String.format("%02x", protocol)
                + "0000 c0a80002 c0a80001" + transport;
    }

    private static FrameSample sample(String name, String hex) {
        return new FrameSample(name, LinkType.ETHERNET, Hex.bytes(hex));
    }

    static List<FrameSample> samples() {
        String syn = tcp(true, 0x02, SYN_OPTIONS);
        String udp = "d431 0035 0030 0000" + "00".repeat(12);
        String vxlan = "d431 12b5 0030 0000 08000000 00000100";
        String echo = "0800 0000 1234 0001";
        String v6Syn = tcp(true, 0x02, SYN_OPTIONS);
        return List.of(
                sample("frag-needed quoting 8 bytes of TCP", icmpV4("0304 0000 0000 0578"
                        + quotedV4(1500, 6, "c350 01bb 00000001"))),
                sample("frag-needed quoting a whole SYN", icmpV4("0304 0000 0000 0578"
                        + quotedV4(20 + length(syn), 6, syn))),
                sample("frag-needed without an MTU", icmpV4("0304 0000 0000 0000"
                        + quotedV4(1500, 6, "c350 01bb 00000001"))),
                sample("frag-needed quoting UDP", icmpV4("0304 0000 0000 0578" + quotedV4(1500, 17, udp))),
                sample("frag-needed quoting VXLAN", icmpV4("0304 0000 0000 0578" + quotedV4(1500, 17, vxlan))),
                sample("frag-needed quoting an echo request", icmpV4("0304 0000 0000 0578"
                        + quotedV4(1500, 1, echo))),
                sample("frag-needed quoting a later fragment", icmpV4("0304 0000 0000 0578"
                        + quotedV4(1500, 6, "c350 01bb 00000001").replace(" 4000 ", " 0010 "))),
                sample("frag-needed quoting a cut IP header", icmpV4("0304 0000 0000 0578 4500 05dc 1c46")),
                sample("frag-needed with a short ICMP header", icmpV4("0304 0000 0000")),
                sample("unreachable (port)", icmpV4("0303 0000 00000000" + quotedV4(60, 17, udp))),
                sample("time exceeded", icmpV4("0b00 0000 00000000" + quotedV4(20 + length(syn), 6, syn))),
                sample("echo request", icmpV4("0800 0000 1234 0001 6162636465666768")),
                sample("ICMP fragment piece", icmpV4("0304 0000 0000 0578" + quotedV4(1500, 6, "c350 01bb 00000001"))
                        .replace(" 0000 0000 3f01", " 0000 2000 3f01")),
                sample("packet-too-big quoting a SYN", icmpV6("0200 0000 00000500" + ipv6(true, length(v6Syn), 6)
                        + v6Syn)),
                sample("packet-too-big with an MTU above 2^31", icmpV6("0200 0000 ffffffff"
                        + ipv6(true, length(v6Syn), 6) + v6Syn)),
                sample("packet-too-big quoting 6in6", icmpV6("0200 0000 00000500" + ipv6(true, 40 + length(v6Syn), 41)
                        + ipv6(true, length(v6Syn), 6) + v6Syn)),
                sample("IPv6 time exceeded", icmpV6("0300 0000 00000000" + ipv6(true, length(v6Syn), 6) + v6Syn)),
                sample("IPv6 echo request", icmpV6("8000 0000 1234 0001")));
    }

    /** The frames the object decoding makes a whole, untunnelled ICMP packet of. */
    private static boolean icmpPacket(Frame frame) {
        return frame.status() == Frame.Status.DECODED && frame.outer() == frame.ip() && frame.ip().isIcmp()
                && frame.ip().isWhole();
    }

    /** Asserts that bytes [start, start + frame.length) of buf decode in place as frame decodes into objects. */
    private static boolean assertAgrees(FrameHeaders headers, LinkType type, byte[] frame, ByteBuffer buf, int start,
            String what) {
        Frame expected = FrameDecoder.decode(type, frame);
        boolean tcp = headers.decodeTcp(type, buf, start, start + frame.length);
        assertThat(headers.icmpPacket()).as("%s: an ICMP packet", what).isEqualTo(icmpPacket(expected));
        if (!headers.icmpPacket()) {
            return false;
        }
        assertThat(tcp).as(what).isFalse();
        assertThat(headers.encapsulations()).as("%s: encapsulations", what).isEqualTo(expected.encapsulations());
        assertThat(headers.ip().source()).as(what).isEqualTo(expected.ip().source());
        assertThat(headers.ip().destination()).as(what).isEqualTo(expected.ip().destination());
        assertThat(headers.ip().hopLimit()).as(what).isEqualTo(expected.ip().hopLimit());
        IcmpKind kind = headers.icmp().kind();
        assertThat(kind).as("%s: kind", what).isEqualTo(expected.icmp() == null ? null : expected.icmp().kind());
        if (kind != null) {
            assertThat(headers.icmp().message(buf)).as("%s: message", what).isEqualTo(expected.icmp());
        }
        return kind != null && kind.reportsMtu();
    }

    @Test
    void samplesAreWhatTheyClaim() {
        List<Frame> frames = samples().stream().map(s -> FrameDecoder.decode(s.type(), s.bytes())).toList();
        assertThat(frames.stream().filter(IcmpHeaderTest::icmpPacket)).hasSize(samples().size() - 1);
        assertThat(frames.stream().filter(f -> f.icmp() != null && f.icmp().quote() != null
                && f.icmp().quote().flow() != f.icmp().quote().ip())).as("tunnelled quotes").hasSize(1);
        assertThat(frames.stream().filter(f -> f.icmp() != null && f.icmp().quote() == null)).hasSize(1);
        assertThat(frames.stream().filter(f -> f.icmp() != null && f.icmp().quote() != null
                && f.icmp().quote().tcpHeaderQuoted())).hasSize(6);
    }

    @Test
    void samplesDecodeInPlaceAsIntoObjects() {
        FrameHeaders headers = new FrameHeaders();
        FrameSample.inBothPlacements(samples(), (type, frame, buf, start, label) ->
                assertAgrees(headers, type, frame, buf, start, label));
    }

    /** The bytes after the cut are still in the buffer (the next record): they must not be read. */
    @Test
    void aFrameCutAtEveryByteDecodesAsItsCutCopy() {
        FrameHeaders headers = new FrameHeaders();
        int mtuMessages = 0;
        for (FrameSample s : samples()) {
            ByteBuffer buf = Fixtures.fileBuffer(s.bytes(), 7, (byte) 0x45);
            for (int n = 0; n <= s.bytes().length; n++) {
                mtuMessages += assertAgrees(headers, s.type(), Arrays.copyOf(s.bytes(), n), buf, 7,
                        s + " cut to " + n + " bytes") ? 1 : 0;
            }
        }
        assertThat(mtuMessages).isGreaterThan(500);
    }

    /** Every frame of every bundled capture, whole and mutated (bytes flipped, tail cut). */
    @Test
    void capturedAndMutatedFramesDecodeInPlaceAsIntoObjects() throws Exception {
        Random random = new Random(SEED);
        FrameHeaders headers = new FrameHeaders();
        int mtuMessages = 0;
        int tunnelledQuotes = 0;
        for (BundledFrames.Frame f : BundledFrames.all()) {
            for (int round = 0; round < 20; round++) {
                byte[] frame = round == 0 ? f.frame().bytes() : mutate(f.frame().bytes(), random);
                int start = random.nextInt(64);
                boolean mtu = assertAgrees(headers, f.linkType(), frame, Fixtures.fileBuffer(frame, start, (byte) random.nextInt()),
                        start, f.linkType() + " frame " + HexFormat.of().formatHex(frame));
                if (round == 0 && mtu) {
                    mtuMessages++;
                    Quote quote = FrameDecoder.decode(f.linkType(), frame).icmp().quote();
                    tunnelledQuotes += quote != null && quote.flow() != quote.ip() ? 1 : 0;
                }
            }
        }
        // The bundled frag-needed / packet-too-big captures, the 4in6 PTB (whose quote is tunnelled) among them.
        assertThat(mtuMessages).isGreaterThanOrEqualTo(12);
        assertThat(tunnelledQuotes).isPositive();
    }

    @Test
    void reusedHeadersKeepNothingOfTheFrameBefore() {
        for (FrameSample before : samples()) {
            for (FrameSample after : samples()) {
                FrameHeaders reused = new FrameHeaders();
                reused.decodeTcp(before.type(), ByteBuffer.wrap(before.bytes()), 0, before.bytes().length);
                if (reused.icmpPacket() && reused.icmp().kind() != null) {
                    reused.icmp().message(ByteBuffer.wrap(before.bytes()));
                }
                assertAgrees(reused, after.type(), after.bytes(), ByteBuffer.wrap(after.bytes()), 0,
                        after + " after " + before);
            }
        }
    }

    /** Flips bytes (most in the headers) or cuts the tail. */
    private static byte[] mutate(byte[] original, Random random) {
        byte[] frame = original.clone();
        if (random.nextBoolean()) {
            return Arrays.copyOf(frame, random.nextInt(frame.length + 1));
        }
        for (int i = 0; i < 1 + random.nextInt(4) && frame.length > 0; i++) {
            frame[random.nextInt(Math.min(frame.length, 120))] = (byte) random.nextInt(256);
        }
        return frame;
    }
}
