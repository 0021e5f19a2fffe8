package io.pmtuwatch.probe.packet;

import static io.pmtuwatch.probe.packet.Fixtures.ETHERNET_IPV4;
import static io.pmtuwatch.probe.packet.Fixtures.ETHERNET_IPV6;
import static io.pmtuwatch.probe.packet.Fixtures.SLL2_IPV4;
import static io.pmtuwatch.probe.packet.Fixtures.SLL_IPV6;
import static io.pmtuwatch.probe.packet.Fixtures.SYN_OPTIONS;
import static io.pmtuwatch.probe.packet.Fixtures.ipv4;
import static io.pmtuwatch.probe.packet.Fixtures.ipv6;
import static io.pmtuwatch.probe.packet.Fixtures.length;
import static io.pmtuwatch.probe.packet.Fixtures.tcp;
import static org.assertj.core.api.Assertions.assertThat;

import io.pmtuwatch.probe.capture.BundledFrames;
import io.pmtuwatch.probe.capture.CapturedFrame;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Frames decoded in place into reused headers ({@link FrameHeaders}) against the same bytes decoded into
 * objects ({@link FrameDecoder}): the in-place decoding claims exactly the plain TCP segments, with the
 * same fields, reads nothing outside the frame's bytes, and keeps nothing of the frame decoded before.
 */
class FrameHeadersTest {

    private static final long SEED = 0x1A_91ACEL;
    private static final String ACK_OPTIONS = "0101080a 01020304 05060708";
    private static final String DATA = "00".repeat(100);

    private static FrameSample sample(String name, LinkType type, String hex) {
        return new FrameSample(name, type, Hex.bytes(hex));
    }

    private static FrameSample v4(String name, String link, int flags, String options, String data, String flagsAndOffset) {
        String tcp = tcp(true, flags, options) + data;
        String ip = ipv4(true, length(tcp)).replace(" 4000 ", " " + flagsAndOffset + " ");
        return sample(name, LinkType.ETHERNET, link + ip + tcp);
    }

    /** Plain segments, handshakes, and frames near them that are not plain (each a different header path). */
    static List<FrameSample> samples() {
        String ackV6 = tcp(false, 0x10, ACK_OPTIONS) + DATA;
        String hopByHop = "06 00 0000 00000000";
        String shortTcp = "c350 01bb 00000001";
        String icmp = "0304 0000 0000 05dc" + ipv4(true, 20).replace(" ", "") + "c35001bb00000001";
        return List.of(
                v4("IPv4 ACK with timestamps and data", ETHERNET_IPV4, 0x10, ACK_OPTIONS, DATA, "4000"),
                v4("IPv4 ACK without options, DF clear", ETHERNET_IPV4, 0x18, "", DATA, "0000"),
                v4("IPv4 SYN with options", ETHERNET_IPV4, 0x02, SYN_OPTIONS, "", "4000"),
                v4("IPv4 ACK with an MSS option", ETHERNET_IPV4, 0x10, "020405b4", "", "4000"),
                v4("IPv4 ACK with options cut short", ETHERNET_IPV4, 0x10, "0101080a 0102", "", "4000"),
                v4("IPv4 ACK behind two VLAN tags", "02000000000b 02000000000a 88a8 0064 8100 00c8 0800", 0x10,
                        ACK_OPTIONS, DATA, "4000"),
                v4("IPv4 ACK behind an MPLS label", "02000000000b 02000000000a 8847 00001 1 40", 0x10, "", DATA,
                        "4000"),
                v4("IPv4 first fragment of a segment", ETHERNET_IPV4, 0x10, "", DATA, "2000"),
                v4("IPv4 later fragment", ETHERNET_IPV4, 0x10, "", DATA, "0010"),
                sample("IPv4 TCP header cut", LinkType.ETHERNET, ETHERNET_IPV4 + ipv4(true, 8) + shortTcp),
                sample("IPv4 frag-needed", LinkType.ETHERNET,
                        ETHERNET_IPV4 + ipv4(true, length(icmp)).replace(" 06 ", " 01 ") + icmp),
                sample("IPv6 ACK with data", LinkType.ETHERNET, ETHERNET_IPV6 + ipv6(false, length(ackV6), 6) + ackV6),
                sample("IPv6 ACK after a hop-by-hop header", LinkType.ETHERNET,
                        ETHERNET_IPV6 + ipv6(false, 8 + length(ackV6), 0) + hopByHop + ackV6),
                sample("IPv6 SYN, Linux cooked", LinkType.LINUX_SLL,
                        SLL_IPV6 + ipv6(true, length(tcp(true, 0x02, SYN_OPTIONS)), 6) + tcp(true, 0x02, SYN_OPTIONS)),
                sample("IPv4 ACK, Linux cooked v2", LinkType.LINUX_SLL2,
                        SLL2_IPV4 + ipv4(true, length(tcp(true, 0x10, ""))) + tcp(true, 0x10, "")),
                sample("IPv4 ACK, raw IP", LinkType.RAW, ipv4(true, 20) + tcp(true, 0x10, "")),
                sample("IPv6 ACK, BSD loopback", LinkType.NULL, "1e000000" + ipv6(true, 20, 6) + tcp(true, 0x10, "")),
                sample("ARP", LinkType.ETHERNET, "ffffffffffff 02000000000a 0806 0001 0800 0604 0001"));
    }

    /** What the object decoding makes of a frame when it is a plain TCP segment; null otherwise. */
    private static Frame plain(LinkType type, byte[] frame) {
        Frame decoded = FrameDecoder.decode(type, frame);
        boolean plain = decoded.status() == Frame.Status.DECODED && decoded.outer() == decoded.ip()
                && decoded.tcp() != null && !decoded.ip().isFragmentPiece();
        return plain ? decoded : null;
    }

    /** Asserts that bytes [start, start + frame.length) of buf decode in place as frame decodes into objects. */
    private static void assertAgrees(FrameHeaders headers, LinkType type, byte[] frame, ByteBuffer buf, int start,
            String what) {
        Frame expected = plain(type, frame);
        boolean decoded = headers.decodeTcp(type, buf, start, start + frame.length);
        assertThat(decoded).as("%s: a plain TCP segment", what).isEqualTo(expected != null);
        if (decoded) {
            assertThat(headers.ip().packet(buf)).as("%s: IP", what).isEqualTo(expected.ip());
            assertThat(headers.tcp().segment()).as("%s: TCP", what).isEqualTo(expected.tcp());
            assertThat(headers.encapsulations()).as("%s: encapsulations", what).isEqualTo(expected.encapsulations());
            // What the analyzer reads without making those objects.
            assertThat(headers.tcp().flags()).as(what).isEqualTo(expected.tcp().flags().bits());
            assertThat(headers.tcp().hasMss()).as(what).isEqualTo(expected.tcp().options().mss() != null);
            assertThat(headers.ip().source()).as(what).isEqualTo(expected.ip().source());
            assertThat(headers.ip().destination()).as(what).isEqualTo(expected.ip().destination());
        }
    }

    @Test
    void samplesCoverPlainAndOtherFrames() {
        List<Boolean> plain = samples().stream().map(s -> plain(s.type(), s.bytes()) != null).toList();
        assertThat(plain).contains(true, false);
        assertThat(samples().stream().filter(s -> plain(s.type(), s.bytes()) != null)).hasSizeGreaterThan(8);
    }

    @Test
    void framesDecodeInPlaceAsIntoObjects() {
        FrameHeaders headers = new FrameHeaders();
        FrameSample.inBothPlacements(samples(), (type, frame, buf, start, label) ->
                assertAgrees(headers, type, frame, buf, start, label));
    }

    /** The bytes after the cut are still in the buffer (the next record): they must not be read. */
    @Test
    void aFrameCutAtEveryByteDecodesAsItsCutCopy() {
        FrameHeaders headers = new FrameHeaders();
        for (FrameSample s : samples()) {
            byte[] whole = s.bytes();
            ByteBuffer buf = Fixtures.fileBuffer(whole, 7, (byte) 0xFF);
            for (int n = 0; n <= whole.length; n++) {
                byte[] cut = Arrays.copyOf(whole, n);
                Frame expected = plain(s.type(), cut);
                boolean decoded = headers.decodeTcp(s.type(), buf, 7, 7 + n);
                assertThat(decoded).as("%s cut to %d bytes", s, n).isEqualTo(expected != null);
                if (decoded) {
                    assertThat(headers.ip().packet(buf)).as("%s cut to %d bytes", s, n).isEqualTo(expected.ip());
                    assertThat(headers.tcp().segment()).as("%s cut to %d bytes", s, n).isEqualTo(expected.tcp());
                    assertThat(headers.tcp().hasMss()).isEqualTo(expected.tcp().options().mss() != null);
                }
            }
        }
    }

    /** Every field the analyzer may read, as one list. */
    private static List<Object> state(FrameHeaders h) {
        IpHeader ip = h.ip();
        TcpHeader tcp = h.tcp();
        return List.of(h.encapsulations(), ip.version(), ip.protocol(), ip.hopLimit(), ip.totalLength(),
                ip.headerLength(), ip.dontFragment(), ip.firstFragment(), ip.isFragmentPiece(), ip.payloadStart(),
                ip.payloadEnd(), ip.sourceHigh(), ip.sourceLow(), ip.destinationHigh(), ip.destinationLow(),
                tcp.sourcePort(), tcp.destinationPort(), tcp.sequence(), tcp.flags(), tcp.headerLength(), tcp.hasMss(),
                tcp.segment());
    }

    @Test
    void reusedHeadersKeepNothingOfTheFrameBefore() {
        List<FrameSample> samples = samples();
        for (FrameSample before : samples) {
            for (FrameSample after : samples) {
                FrameHeaders reused = new FrameHeaders();
                reused.decodeTcp(before.type(), ByteBuffer.wrap(before.bytes()), 0, before.bytes().length);
                boolean decoded = reused.decodeTcp(after.type(), ByteBuffer.wrap(after.bytes()), 0,
                        after.bytes().length);
                FrameHeaders fresh = new FrameHeaders();
                boolean alone = fresh.decodeTcp(after.type(), ByteBuffer.wrap(after.bytes()), 0, after.bytes().length);
                assertThat(decoded).as("%s after %s", after, before).isEqualTo(alone);
                if (alone) {
                    assertThat(state(reused)).as("%s after %s", after, before).isEqualTo(state(fresh));
                }
            }
        }
    }

    @Test
    void realAndMutatedFramesDecodeInPlaceAsIntoObjects() throws Exception {
        List<byte[]> frames = new ArrayList<>(BundledFrames.ethernet(2000).stream().map(CapturedFrame::bytes).toList());
        assertThat(frames).hasSizeGreaterThan(500);
        Random random = new Random(SEED);
        FrameHeaders headers = new FrameHeaders();
        int plain = 0;
        for (int round = 0; round < 10; round++) {
            for (byte[] original : frames) {
                byte[] frame = round == 0 ? original : mutate(original, random);
                int start = random.nextInt(64);
                assertAgrees(headers, LinkType.ETHERNET, frame, Fixtures.fileBuffer(frame, start, (byte) random.nextInt()),
                        start, "frame " + HexFormat.of().formatHex(frame));
                plain += plain(LinkType.ETHERNET, frame) != null ? 1 : 0;
            }
        }
        assertThat(plain).as("plain segments among them").isGreaterThan(1000);
    }

    @Test
    void randomBytesOnEveryLinkTypeDecodeInPlaceAsIntoObjects() {
        Random random = new Random(SEED);
        FrameHeaders headers = new FrameHeaders();
        for (LinkType type : LinkType.values()) {
            for (int i = 0; i < 5_000; i++) {
                byte[] frame = new byte[random.nextInt(120)];
                random.nextBytes(frame);
                if (frame.length > 60 && random.nextBoolean()) {
                    // Steer towards IPv4 TCP behind Ethernet or raw IP, so that headers get far.
                    int ip = type == LinkType.ETHERNET ? 14 : 0;
                    frame[12] = 0x08;
                    frame[13] = 0x00;
                    frame[ip] = 0x45;
                    frame[ip + 6] = 0x40;
                    frame[ip + 7] = 0;
                    frame[ip + 9] = 6;
                }
                assertAgrees(headers, type, frame, Fixtures.fileBuffer(frame, 3, (byte) 0), 3,
                        type + " " + HexFormat.of().formatHex(frame));
            }
        }
    }

    /** Flips bytes or cuts the tail. */
    private static byte[] mutate(byte[] original, Random random) {
        byte[] frame = original.clone();
        if (random.nextBoolean()) {
            return Arrays.copyOf(frame, random.nextInt(frame.length + 1));
        }
        for (int i = 0; i < 1 + random.nextInt(4) && frame.length > 0; i++) {
            frame[random.nextInt(Math.min(frame.length, 80))] = (byte) random.nextInt(256);
        }
        return frame;
    }
}
