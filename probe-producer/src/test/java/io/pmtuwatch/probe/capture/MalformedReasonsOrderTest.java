package io.pmtuwatch.probe.capture;

import static org.assertj.core.api.Assertions.assertThat;

import io.pmtuwatch.probe.packet.LinkType;
import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The malformed-frame reasons come out sorted by name, so {@code analyze --json} prints the same
 * document on every run (an immutable copy's order changes from one JVM start to the next).
 */
class MalformedReasonsOrderTest {

    /** An Ethernet frame carrying IPv4 bytes {@code ip}. */
    private static byte[] ethernet(byte[] ip) {
        return ByteBuffer.allocate(14 + ip.length).put(new byte[12]).putShort((short) 0x0800).put(ip).array();
    }

    /** An IPv4 header announcing TCP, followed by {@code tcpBytes} bytes: too few for a TCP header. */
    private static byte[] cutTcp(int tcpBytes) {
        return ByteBuffer.allocate(20 + tcpBytes).put((byte) 0x45).put((byte) 0).putShort((short) (20 + tcpBytes))
                .putInt(0).put((byte) 64).put((byte) 6).putShort((short) 0).putInt(0xC0000201).putInt(0xC0000202)
                .array();
    }

    @Test
    void reasonsAreListedInNameOrder() {
        TrafficAnalyzer analyzer = new TrafficAnalyzer(LinkType.ETHERNET);
        List<byte[]> frames = List.of(ethernet(cutTcp(4)), ethernet(new byte[] {0x45, 0}), ethernet(cutTcp(8)));
        for (int i = 0; i < frames.size(); i++) {
            byte[] frame = frames.get(i);
            analyzer.accept(new CapturedFrame(i + 1, i, frame.length, frame));
        }

        assertThat(analyzer.result().frames().problems().keySet())
                .containsExactly("IP header cut or invalid", "TCP header cut or invalid");
        assertThat(analyzer.result().frames().problems()).containsEntry("TCP header cut or invalid", 2);
    }
}
