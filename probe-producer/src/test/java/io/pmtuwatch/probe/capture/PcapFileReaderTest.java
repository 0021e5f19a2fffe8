package io.pmtuwatch.probe.capture;

import static io.pmtuwatch.probe.capture.CaptureBytes.frame;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pmtuwatch.probe.packet.LinkType;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The built-in reader on files built byte by byte: both formats, both byte orders, and damage. */
class PcapFileReaderTest {

    private static final int ETHERNET = 1;
    private static final int RAW = 101;
    private static final long SECOND = 1_700_000_000L;

    @TempDir
    Path dir;

    enum Order {
        LITTLE(ByteOrder.LITTLE_ENDIAN), BIG(ByteOrder.BIG_ENDIAN);

        final ByteOrder order;

        Order(ByteOrder order) {
            this.order = order;
        }
    }

    @ParameterizedTest
    @EnumSource(Order.class)
    void classicPcapMicroseconds(Order order) throws Exception {
        Path file = write(CaptureBytes.pcap(order.order, false, ETHERNET)
                .record(SECOND, 123_456, 60, frame(60, 1))
                .record(SECOND + 1, 999_999, 1514, frame(100, 7)));
        try (PcapFileReader reader = PcapFileReader.open(file)) {
            assertThat(reader.linkType()).isEqualTo(LinkType.ETHERNET);
            CapturedFrame first = reader.next();
            assertThat(first.number()).isEqualTo(1);
            assertThat(first.timestampMicros()).isEqualTo(SECOND * 1_000_000 + 123_456);
            assertThat(first.originalLength()).isEqualTo(60);
            assertThat(first.bytes()).isEqualTo(frame(60, 1));
            CapturedFrame second = reader.next();
            assertThat(second.number()).isEqualTo(2);
            assertThat(second.timestampMicros()).isEqualTo((SECOND + 1) * 1_000_000 + 999_999);
            assertThat(second.originalLength()).isEqualTo(1514);
            assertThat(second.bytes()).isEqualTo(frame(100, 7));
            assertThat(reader.next()).isNull();
            assertThat(reader.next()).isNull();
            assertThat(reader.frames()).isEqualTo(2);
        }
    }

    @ParameterizedTest
    @EnumSource(Order.class)
    void classicPcapNanosecondsAreTruncatedToMicros(Order order) throws Exception {
        Path file = write(CaptureBytes.pcap(order.order, true, RAW).record(SECOND, 123_456_789, 40, frame(40, 0)));
        try (PcapFileReader reader = PcapFileReader.open(file)) {
            assertThat(reader.linkType()).isEqualTo(LinkType.RAW);
            assertThat(reader.next().timestampMicros()).isEqualTo(SECOND * 1_000_000 + 123_456);
        }
    }

    @Test
    void headerOnlyPcapHasNoFrames() throws Exception {
        try (PcapFileReader reader = PcapFileReader.open(write(CaptureBytes.pcap(ByteOrder.LITTLE_ENDIAN, false,
                ETHERNET)))) {
            assertThat(reader.next()).isNull();
        }
    }

    @Test
    void truncatedLastRecordIsDamageAtItsOffset() throws Exception {
        CaptureBytes bytes = CaptureBytes.pcap(ByteOrder.LITTLE_ENDIAN, false, ETHERNET)
                .record(SECOND, 0, 60, frame(60, 0))
                .record(SECOND, 1, 60, frame(60, 0));
        int damaged = bytes.size();
        bytes.recordHeader(SECOND, 2, 60, 60).raw(frame(59, 0));
        assertDamage(write(bytes), 2, damaged, "cut short");
    }

    @Test
    void truncatedRecordHeaderIsDamageAtItsOffset() throws Exception {
        CaptureBytes bytes = CaptureBytes.pcap(ByteOrder.BIG_ENDIAN, false, ETHERNET).record(SECOND, 0, 60,
                frame(60, 0));
        int damaged = bytes.size();
        bytes.raw(new byte[10]);
        assertDamage(write(bytes), 1, damaged, "record header cut short");
    }

    @Test
    void capturedLongerThanOriginalIsDamage() throws Exception {
        CaptureBytes bytes = CaptureBytes.pcap(ByteOrder.LITTLE_ENDIAN, false, ETHERNET).record(SECOND, 0, 60,
                frame(60, 0));
        bytes.recordHeader(SECOND, 0, 100, 99).raw(frame(100, 0));
        assertDamage(write(bytes), 1, 24 + 16 + 60, "larger than the original length 99");
    }

    @Test
    void absurdCapturedLengthIsDamage() throws Exception {
        // What a misaligned record header looks like: a length read from the middle of a frame.
        CaptureBytes bytes = CaptureBytes.pcap(ByteOrder.LITTLE_ENDIAN, false, ETHERNET);
        bytes.recordHeader(SECOND, 0, 4_325_376, 4_325_376).raw(frame(100, 0));
        assertDamage(write(bytes), 0, 24, "4325376");
    }

    @Test
    void pcapngTwoSectionsInBothByteOrders() throws Exception {
        byte[] a = frame(60, 1);
        byte[] b = frame(61, 2);
        byte[] c = frame(62, 3);
        byte[] d = frame(63, 4);
        byte[] e = frame(64, 5);
        Path file = write(CaptureBytes.pcapng()
                .section(ByteOrder.LITTLE_ENDIAN)
                .interfaceDescription(ETHERNET, 0, null, null)          // microseconds, the default
                .interfaceDescription(ETHERNET, 0, 3, null)             // milliseconds
                .enhancedPacket(0, SECOND * 1_000_000 + 17, 1514, a)
                .block(0x00000BAD, new byte[] {1, 2, 3, 4, 5})         // unknown: skipped
                .block(5, new byte[8])                                  // interface statistics: skipped
                .enhancedPacket(1, SECOND * 1000 + 250, 61, b)
                .section(ByteOrder.BIG_ENDIAN)                          // new section: interfaces from 0 again
                .interfaceDescription(ETHERNET, 0, 9, 10L)              // nanoseconds, 10 s offset
                .enhancedPacket(0, SECOND * 1_000_000_000 + 123_456_789, 63, c)
                .obsoletePacket(0, SECOND * 1_000_000_000 + 999, 64, d)
                .simplePacket(64, e));
        try (PcapFileReader reader = PcapFileReader.open(file)) {
            assertThat(reader.linkType()).isEqualTo(LinkType.ETHERNET);
            List<CapturedFrame> frames = readAll(reader);
            assertThat(frames).extracting(CapturedFrame::number).containsExactly(1L, 2L, 3L, 4L, 5L);
            assertThat(frames).extracting(CapturedFrame::timestampMicros).containsExactly(
                    SECOND * 1_000_000 + 17,
                    SECOND * 1_000_000 + 250_000,
                    (SECOND + 10) * 1_000_000 + 123_456,
                    (SECOND + 10) * 1_000_000,
                    0L); // a simple packet block has no timestamp
            assertThat(frames).extracting(CapturedFrame::originalLength).containsExactly(1514, 61, 63, 64, 64);
            assertThat(frames).extracting(CapturedFrame::bytes).containsExactly(a, b, c, d, e);
        }
    }

    @Test
    void simplePacketIsCutToItsInterfaceSnaplen() throws Exception {
        Path file = write(CaptureBytes.pcapng().section(ByteOrder.LITTLE_ENDIAN)
                .interfaceDescription(ETHERNET, 64, null, null)
                .simplePacket(1500, frame(64, 0)));
        try (PcapFileReader reader = PcapFileReader.open(file)) {
            CapturedFrame frame = reader.next();
            assertThat(frame.bytes()).isEqualTo(frame(64, 0));
            assertThat(frame.originalLength()).isEqualTo(1500);
        }
    }

    @Test
    void binaryTimestampResolution() throws Exception {
        Path file = write(CaptureBytes.pcapng().section(ByteOrder.LITTLE_ENDIAN)
                .interfaceDescription(ETHERNET, 0, 0x80 | 20, null)     // 2^-20 s
                .enhancedPacket(0, (SECOND << 20) | (1 << 19), 60, frame(60, 0)));
        try (PcapFileReader reader = PcapFileReader.open(file)) {
            assertThat(reader.next().timestampMicros()).isEqualTo(SECOND * 1_000_000 + 500_000);
        }
    }

    @Test
    void truncatedPacketBlockIsDamageAtItsStart() throws Exception {
        CaptureBytes bytes = CaptureBytes.pcapng().section(ByteOrder.BIG_ENDIAN)
                .interfaceDescription(ETHERNET, 0, null, null)
                .enhancedPacket(0, 1, 60, frame(60, 0));
        int damaged = bytes.size();
        byte[] whole = CaptureBytes.pcapng().section(ByteOrder.BIG_ENDIAN).enhancedPacket(0, 2, 60, frame(60, 0))
                .bytes();
        int sectionHeader = 28;
        bytes.raw(java.util.Arrays.copyOfRange(whole, sectionHeader, whole.length - 10));
        assertDamage(write(bytes), 1, damaged, "cut short");
    }

    @Test
    void lengthsThatDisagreeAtBothEndsOfABlockAreDamage() throws Exception {
        CaptureBytes bytes = CaptureBytes.pcapng().section(ByteOrder.LITTLE_ENDIAN)
                .interfaceDescription(ETHERNET, 0, null, null);
        int damaged = bytes.size();
        byte[] block = CaptureBytes.pcapng().section(ByteOrder.LITTLE_ENDIAN).enhancedPacket(0, 2, 60, frame(60, 0))
                .bytes();
        block[block.length - 4] ^= 4; // the trailing length
        bytes.raw(java.util.Arrays.copyOfRange(block, 28, block.length));
        assertDamage(write(bytes), 0, damaged, "at its end");
    }

    @Test
    void packetOfAnUndescribedInterfaceIsDamage() throws Exception {
        CaptureBytes bytes = CaptureBytes.pcapng().section(ByteOrder.LITTLE_ENDIAN)
                .interfaceDescription(ETHERNET, 0, null, null)
                .enhancedPacket(0, 1, 60, frame(60, 0));
        int damaged = bytes.size();
        bytes.enhancedPacket(1, 2, 60, frame(60, 0));
        assertDamage(write(bytes), 1, damaged, "interface 1");
    }

    @Test
    void skippedBlockCutShortByTheEndIsDamage() throws Exception {
        CaptureBytes bytes = CaptureBytes.pcapng().section(ByteOrder.LITTLE_ENDIAN)
                .interfaceDescription(ETHERNET, 0, null, null);
        int damaged = bytes.size();
        byte[] block = CaptureBytes.pcapng().section(ByteOrder.LITTLE_ENDIAN).block(0x0BAD, new byte[400]).bytes();
        bytes.raw(java.util.Arrays.copyOfRange(block, 28, 28 + 100));
        assertDamage(write(bytes), 0, damaged, "end of the file");
    }

    @Test
    void interfacesOfDifferentLinkTypesAreRefusedByName() throws Exception {
        Path file = write(CaptureBytes.pcapng().section(ByteOrder.LITTLE_ENDIAN)
                .interfaceDescription(ETHERNET, 0, null, null)
                .enhancedPacket(0, 1, 60, frame(60, 0))
                .interfaceDescription(RAW, 0, null, null));
        try (PcapFileReader reader = PcapFileReader.open(file)) {
            assertThat(reader.next()).isNotNull();
            assertThatThrownBy(reader::next).isInstanceOf(IOException.class)
                    .isNotInstanceOf(CaptureDamagedException.class)
                    .hasMessageContaining(file.toString())
                    .hasMessageContaining("interface 0 of section 1 (link type 1")
                    .hasMessageContaining("interface 1 of section 1 (link type 101");
        }
    }

    @Test
    void packetBeforeAnyInterfaceIsRefused() throws Exception {
        Path file = write(CaptureBytes.pcapng().section(ByteOrder.LITTLE_ENDIAN).simplePacket(60, frame(60, 0)));
        assertThatThrownBy(() -> PcapFileReader.open(file)).isInstanceOf(IOException.class)
                .hasMessageContaining("before any interface description block");
    }

    @Test
    void neitherPcapNorPcapngNamesTheFileAndItsFirstBytes() throws Exception {
        Path text = dir.resolve("notes.txt");
        Files.writeString(text, "hello, world");
        assertThatThrownBy(() -> PcapFileReader.open(text)).isInstanceOf(IOException.class)
                .hasMessageContaining(text.toString()).hasMessageContaining("neither pcap nor pcapng")
                .hasMessageContaining("68 65 6c 6c 6f 2c 20 77").hasMessageContaining("(text: \"hello, w\")");
        Path gzip = dir.resolve("capture.pcap.gz");
        Files.write(gzip, new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0});
        assertThatThrownBy(() -> PcapFileReader.open(gzip)).hasMessageContaining("gunzip");
        Path empty = Files.createFile(dir.resolve("empty.pcap"));
        assertThatThrownBy(() -> PcapFileReader.open(empty)).isInstanceOf(IOException.class)
                .hasMessageContaining("0 bytes");
        Path modified = dir.resolve("modified.pcap");
        Files.write(modified, new byte[] {0x34, (byte) 0xcd, (byte) 0xb2, (byte) 0xa1, 2, 0, 4, 0});
        assertThatThrownBy(() -> PcapFileReader.open(modified)).hasMessageContaining("--reader pcap4j");
    }

    @Test
    void recordsLargerThanTheBufferAndAcrossItsEdges() throws Exception {
        // A 64-byte window: every record straddles a refill, and the 3000-byte one makes it grow.
        CaptureBytes pcap = CaptureBytes.pcap(ByteOrder.LITTLE_ENDIAN, false, ETHERNET);
        CaptureBytes pcapng = CaptureBytes.pcapng().section(ByteOrder.BIG_ENDIAN)
                .interfaceDescription(ETHERNET, 0, null, null);
        List<byte[]> expected = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            byte[] data = frame(i == 25 ? 3000 : 20 + i * 7, i);
            expected.add(data);
            pcap.record(SECOND, i, data.length, data);
            pcapng.block(0x0BAD, new byte[i % 5 * 40]).enhancedPacket(0, i, data.length, data);
        }
        for (CaptureBytes bytes : List.of(pcap, pcapng)) {
            try (PcapFileReader reader = PcapFileReader.open(write(bytes), 64)) {
                assertThat(readAll(reader)).extracting(CapturedFrame::bytes).containsExactlyElementsOf(expected);
            }
        }
    }

    /**
     * Thousands of records of every size through a small window, each copied out of the buffer the
     * reader parses in place: every frame comes out as written, then the damage with its offset.
     */
    @Test
    void manyRecordsThroughASmallWindowComeOutAsWritten() throws Exception {
        java.util.Random random = new java.util.Random(42);
        CaptureBytes pcap = CaptureBytes.pcap(ByteOrder.LITTLE_ENDIAN, false, ETHERNET);
        CaptureBytes pcapng = CaptureBytes.pcapng().section(ByteOrder.BIG_ENDIAN)
                .interfaceDescription(ETHERNET, 0, null, null);
        List<byte[]> expected = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            byte[] data = frame(1 + random.nextInt(i % 100 == 0 ? 9000 : 1500), i);
            expected.add(data);
            pcap.record(SECOND, i, data.length, data);
            pcapng.block(0x0BAD, new byte[random.nextInt(3) * 1000]).enhancedPacket(0, i, data.length, data);
        }
        List<Long> damageOffsets = List.of((long) pcap.size(), (long) pcapng.size());
        pcap.recordHeader(SECOND, 0, 60, 60).raw(frame(20, 0));
        pcapng.raw(java.util.Arrays.copyOf(CaptureBytes.pcapng().block(0x0BAD, new byte[100]).bytes(), 50));
        List<CaptureBytes> files = List.of(pcap, pcapng);
        for (int f = 0; f < files.size(); f++) {
            try (PcapFileReader reader = PcapFileReader.open(write(files.get(f)), 4096)) {
                for (int i = 0; i < expected.size(); i++) {
                    CapturedFrame frame = reader.next();
                    assertThat(frame.number()).isEqualTo(i + 1);
                    assertThat(frame.bytes()).as("frame %d", i + 1).isEqualTo(expected.get(i));
                }
                long offset = damageOffsets.get(f);
                assertThatThrownBy(reader::next).isInstanceOfSatisfying(CaptureDamagedException.class, e -> {
                    assertThat(e.framesRead()).isEqualTo(expected.size());
                    assertThat(e.offset()).isEqualTo(offset);
                });
            }
        }
    }

    @Test
    void namedPipeIsReadWithoutSeeking() throws Exception {
        // zcat capture.pcapng.gz | analyze /dev/stdin: no seeking past skipped blocks, no file size.
        Path fifo = dir.resolve("capture.fifo");
        Process mkfifo;
        try {
            mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
        } catch (IOException noMkfifo) {
            org.junit.jupiter.api.Assumptions.abort("mkfifo not available: " + noMkfifo.getMessage());
            return;
        }
        assertThat(mkfifo.waitFor()).isZero();
        CaptureBytes bytes = CaptureBytes.pcapng().section(ByteOrder.LITTLE_ENDIAN)
                .interfaceDescription(ETHERNET, 0, null, null)
                .block(0x0BAD, new byte[1000])
                .enhancedPacket(0, 1, 60, frame(60, 3));
        int damaged = bytes.size();
        bytes.raw(java.util.Arrays.copyOf(CaptureBytes.pcapng().block(0x0BAD, new byte[1000]).bytes(), 500));
        Thread writer = new Thread(() -> {
            try {
                Files.write(fifo, bytes.bytes());
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        writer.start();
        try (PcapFileReader reader = PcapFileReader.open(fifo, 64)) {
            assertThat(reader.next().bytes()).isEqualTo(frame(60, 3));
            assertThatThrownBy(reader::next).isInstanceOfSatisfying(CaptureDamagedException.class, e -> {
                assertThat(e.framesRead()).isEqualTo(1);
                assertThat(e.offset()).isEqualTo(damaged);
            });
        } finally {
            writer.join(10_000);
        }
    }

    @Test
    void offsetsBeyondFourGigabytes() throws Exception {
        // A sparse file: two skipped blocks of almost 4 GiB each, then a frame and a damaged block past 4 GiB.
        long skipped = 0xFFFF_FF00L;
        CaptureBytes head = CaptureBytes.pcapng().section(ByteOrder.LITTLE_ENDIAN)
                .interfaceDescription(ETHERNET, 0, null, null);
        byte[] tail = CaptureBytes.pcapng().section(ByteOrder.LITTLE_ENDIAN).enhancedPacket(0, 1, 60, frame(60, 9))
                .bytes();
        int packetBlock = tail.length - 28;
        Path file = dir.resolve("sparse.pcapng");
        long frameBlock = head.size() + 2 * skipped;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                StandardOpenOption.SPARSE)) {
            channel.write(ByteBuffer.wrap(head.bytes()), 0);
            for (long block = head.size(); block < frameBlock; block += skipped) {
                ByteBuffer header = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putInt(0x0BAD)
                        .putInt((int) skipped);
                channel.write(header.flip(), block);
                ByteBuffer trailer = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(0, (int) skipped);
                channel.write(trailer, block + skipped - 4);
            }
            channel.write(ByteBuffer.wrap(tail, 28, packetBlock), frameBlock);
            channel.write(ByteBuffer.wrap(new byte[] {6, 0, 0}), frameBlock + packetBlock);
        }
        try (PcapFileReader reader = PcapFileReader.open(file)) {
            assertThat(reader.next().bytes()).isEqualTo(frame(60, 9));
            assertThatThrownBy(reader::next).isInstanceOfSatisfying(CaptureDamagedException.class, e -> {
                assertThat(e.framesRead()).isEqualTo(1);
                assertThat(e.offset()).isEqualTo(frameBlock + packetBlock).isGreaterThan(1L << 32);
            });
        }
    }

    private void assertDamage(Path file, long frames, long offset, String message) throws IOException {
        try (PcapFileReader reader = PcapFileReader.open(file)) {
            for (long i = 0; i < frames; i++) {
                assertThat(reader.next()).as("frame %d before the damage", i + 1).isNotNull();
            }
            assertThatThrownBy(reader::next).isInstanceOfSatisfying(CaptureDamagedException.class, e -> {
                assertThat(e.framesRead()).as("frames read").isEqualTo(frames);
                assertThat(e.offset()).as("offset").isEqualTo(offset);
                assertThat(e.getMessage()).contains(message);
            });
        }
    }

    private static List<CapturedFrame> readAll(FrameSource source) throws IOException {
        List<CapturedFrame> frames = new ArrayList<>();
        CapturedFrame frame;
        while ((frame = source.next()) != null) {
            frames.add(frame);
        }
        return frames;
    }

    private Path write(CaptureBytes bytes) throws IOException {
        return Files.write(Files.createTempFile(dir, "capture", ".pcap"), bytes.bytes());
    }
}
