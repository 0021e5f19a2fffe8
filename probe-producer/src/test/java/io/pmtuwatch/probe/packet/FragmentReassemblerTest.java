package io.pmtuwatch.probe.packet;

import static io.pmtuwatch.probe.packet.Fixtures.length;
import static io.pmtuwatch.probe.packet.Fixtures.tcp;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A SYN split into 8-byte IPv4 fragments, delivered in any order, comes back whole. */
class FragmentReassemblerTest {

    private static final String SYN = tcp(true, 0x02, "03030700");  // window scale 7 + EOL, no MSS: 24 bytes

    /** One fragment of the SYN: bytes [offset, offset + 8) with MF unless last. */
    private static IpPacket piece(int offset, boolean more) {
        String data = SYN.replaceAll("\\s", "").substring(offset * 2, Math.min(SYN.replaceAll("\\s", "").length(),
                (offset + 8) * 2));
        int flags = (more ? 0x2000 : 0) | (offset / 8);
        String header = "4500" + String.format("%04x", 20 + length(data)) + " abcd " + String.format("%04x", flags)
                + " 40 06 0000 01010101 02020202";
        return IpDecoder.decode(java.nio.ByteBuffer.wrap(Hex.bytes(header + data))).orElseThrow();
    }

    @Test
    void reassemblesOutOfOrderPieces() {
        FragmentReassembler reassembler = new FragmentReassembler(8);
        assertThat(reassembler.add(piece(16, false))).isEmpty();
        assertThat(reassembler.add(piece(0, true))).isEmpty();
        Optional<IpPacket> whole = reassembler.add(piece(8, true));

        assertThat(whole).isPresent();
        assertThat(whole.get().totalLength()).isEqualTo(20 + 24);
        Frame frame = FrameDecoder.ofIp(whole.get(), 0);
        assertThat(frame.tcp().flags().isSynOnly()).isTrue();
        assertThat(frame.tcp().options().windowScale()).isEqualTo(7);
        assertThat(frame.tcp().options().mss()).isNull();
        assertThat(reassembler.inProgress()).isZero();
    }

    @Test
    void firstPieceAloneIsAFragmentWithoutTcp() {
        IpPacket first = piece(0, true);
        assertThat(first.isFragmentPiece()).isTrue();
        Frame frame = FrameDecoder.ofIp(first, 0);
        assertThat(frame.status()).isEqualTo(Frame.Status.DECODED);
        assertThat(frame.tcp()).isNull();
    }

    @Test
    void boundedNumberOfDatagramsInProgress() {
        FragmentReassembler reassembler = new FragmentReassembler(2);
        for (int id = 0; id < 5; id++) {
            String header = "4500 001c " + String.format("%04x", id) + " 2000 40 06 0000 01010101 02020202";
            reassembler.add(IpDecoder.decode(java.nio.ByteBuffer.wrap(Hex.bytes(header + "0000000000000000")))
                    .orElseThrow());
        }
        assertThat(reassembler.inProgress()).isEqualTo(2);
        assertThat(reassembler.dropped()).isEqualTo(3);
    }
}
