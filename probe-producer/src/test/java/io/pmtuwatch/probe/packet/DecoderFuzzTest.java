package io.pmtuwatch.probe.packet;

import static org.assertj.core.api.Assertions.assertThat;

import io.pmtuwatch.probe.capture.BundledFrames;
import io.pmtuwatch.probe.capture.CapturedFrame;
import io.pmtuwatch.probe.capture.TrafficAnalyzer;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Random and mutated frames (fixed seeds, so a failure replays) never make the decoder or the
 * analyser throw: every frame ends up DECODED, NOT_IP or MALFORMED.
 */
class DecoderFuzzTest {

    private static final long SEED = 0x5EED_6_2025L;

    private static List<byte[]> realFrames() throws Exception {
        return BundledFrames.ethernet(2000).stream().map(CapturedFrame::bytes).toList();
    }

    @Test
    void randomBytesOnEveryLinkType() {
        Random random = new Random(SEED);
        for (LinkType type : LinkType.values()) {
            for (int i = 0; i < 20_000; i++) {
                byte[] frame = new byte[random.nextInt(200)];
                random.nextBytes(frame);
                // Steer some frames into the interesting paths: IPv4/IPv6 first nibble, IP EtherTypes.
                if (frame.length > 20 && random.nextBoolean()) {
                    frame[0] = (byte) (random.nextBoolean() ? 0x45 : 0x60);
                    frame[12] = 0x08;
                    frame[13] = 0x00;
                }
                assertThat(FrameDecoder.decode(type, frame)).isNotNull();
            }
        }
    }

    @Test
    void mutatedRealFramesNeverThrow() throws Exception {
        List<byte[]> frames = realFrames();
        assertThat(frames).hasSizeGreaterThan(500);
        Random random = new Random(SEED);
        TrafficAnalyzer analyzer = new TrafficAnalyzer(LinkType.ETHERNET);
        long n = 0;
        for (int round = 0; round < 40; round++) {
            for (byte[] original : frames) {
                byte[] frame = mutate(original, random);
                Frame decoded = FrameDecoder.decode(LinkType.ETHERNET, frame);
                assertThat(decoded.status()).isNotNull();
                analyzer.accept(new CapturedFrame(++n, n, frame.length, frame));
            }
        }
        assertThat(analyzer.result().frames().total()).isEqualTo(n);
        assertThat(analyzer.result().frames().malformed()).isPositive();
    }

    /** Flips bytes, cuts the tail, or overwrites a length field with an extreme value. */
    private static byte[] mutate(byte[] original, Random random) {
        byte[] frame = original.clone();
        switch (random.nextInt(4)) {
            case 0 -> {
                for (int i = 0; i < 1 + random.nextInt(6); i++) {
                    frame[random.nextInt(frame.length)] = (byte) random.nextInt(256);
                }
            }
            case 1 -> frame = java.util.Arrays.copyOf(frame, random.nextInt(frame.length + 1));
            case 2 -> {
                int at = random.nextInt(Math.max(1, frame.length - 1));
                frame[at] = (byte) 0xFF;
                if (at + 1 < frame.length) {
                    frame[at + 1] = (byte) (random.nextBoolean() ? 0xFF : 0x00);
                }
            }
            default -> {
                // Header fields a decoder trusts: IP header length, total length, TCP data offset.
                int[] spots = {14, 16, 17, 46, 54, 22, 23};
                int at = spots[random.nextInt(spots.length)];
                if (at < frame.length) {
                    frame[at] = (byte) random.nextInt(256);
                }
            }
        }
        return frame;
    }
}
