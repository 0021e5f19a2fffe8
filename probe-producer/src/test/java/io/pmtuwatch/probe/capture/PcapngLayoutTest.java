package io.pmtuwatch.probe.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Block and record headers parsed in place from byte arrays, without a file. */
class PcapngLayoutTest {

    @Test
    void sectionByteOrderFromItsMagic() throws Exception {
        byte[] little = CaptureBytes.pcapng().section(ByteOrder.LITTLE_ENDIAN).bytes();
        byte[] big = CaptureBytes.pcapng().section(ByteOrder.BIG_ENDIAN).bytes();
        assertThat(PcapngLayout.sectionOrder(ByteBuffer.wrap(little), 0)).isEqualTo(ByteOrder.LITTLE_ENDIAN);
        assertThat(PcapngLayout.sectionOrder(ByteBuffer.wrap(big), 0)).isEqualTo(ByteOrder.BIG_ENDIAN);
        big[8] = 0;
        assertThatThrownBy(() -> PcapngLayout.sectionOrder(ByteBuffer.wrap(big), 0))
                .isInstanceOf(MalformedRecordException.class).hasMessageContaining("byte-order magic");
    }

    @Test
    void interfaceDescriptionWithOptions() throws Exception {
        byte[] block = CaptureBytes.pcapng().interfaceDescription(113, 262144, 9, -3L).bytes();
        ByteBuffer b = ByteBuffer.wrap(block).order(ByteOrder.LITTLE_ENDIAN);
        PcapngInterface description = PcapngLayout.parseInterface(b, 0, block.length);
        assertThat(description).isEqualTo(new PcapngInterface(113, 262144, new TimestampResolution(false, 9), -3));
        assertThat(description.micros(5_000_000_000L)).isEqualTo(2_000_000);
    }

    @Test
    void optionRunningPastItsBlockIsMalformed() {
        byte[] block = CaptureBytes.pcapng().interfaceDescription(1, 0, 6, null).bytes();
        ByteBuffer b = ByteBuffer.wrap(block).order(ByteOrder.LITTLE_ENDIAN);
        b.putShort(16 + 2, (short) 200);
        assertThatThrownBy(() -> PcapngLayout.parseInterface(b, 0, block.length))
                .isInstanceOf(MalformedRecordException.class).hasMessageContaining("runs past");
    }

    @Test
    void enhancedAndObsoletePacketFields() throws Exception {
        for (boolean obsolete : new boolean[] {false, true}) {
            CaptureBytes bytes = CaptureBytes.pcapng().section(ByteOrder.BIG_ENDIAN);
            byte[] data = CaptureBytes.frame(61, 0);
            long timestamp = 0x1_0000_0002L;
            byte[] block = obsolete ? bytes.obsoletePacket(3, timestamp, 1500, data).bytes()
                    : bytes.enhancedPacket(3, timestamp, 1500, data).bytes();
            block = Arrays.copyOfRange(block, 28, block.length);
            ByteBuffer b = ByteBuffer.wrap(block).order(ByteOrder.BIG_ENDIAN);
            int type = PcapngLayout.type(b, 0);
            assertThat(PcapngLayout.length(b, 0)).isEqualTo(block.length);
            assertThat(PcapngLayout.interfaceId(b, 0, type)).isEqualTo(3);
            assertThat(PcapngLayout.timestampUnits(b, 0, type)).isEqualTo(timestamp);
            assertThat(PcapngLayout.capturedLength(b, 0, type, block.length, 0)).isEqualTo(61);
            assertThat(PcapngLayout.originalLength(b, 0, type)).isEqualTo(1500);
            assertThat(PcapngLayout.dataOffset(type)).isEqualTo(28);
        }
    }

    @Test
    void capturedLengthBeyondItsBlockIsMalformed() {
        byte[] block = CaptureBytes.pcapng().enhancedPacket(0, 0, 1500, CaptureBytes.frame(60, 0)).bytes();
        ByteBuffer b = ByteBuffer.wrap(block).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(20, 200);
        assertThatThrownBy(() -> PcapngLayout.capturedLength(b, 0, PcapngLayout.ENHANCED_PACKET, block.length, 0))
                .isInstanceOf(MalformedRecordException.class).hasMessageContaining("does not fit");
    }

    @Test
    void impossibleBlockLengths() {
        ByteBuffer b = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putInt(0, 6).putInt(4, 14);
        assertThatThrownBy(() -> PcapngLayout.length(b, 0)).hasMessageContaining("impossible length 14");
        b.putInt(4, 8);
        assertThatThrownBy(() -> PcapngLayout.length(b, 0)).hasMessageContaining("impossible length 8");
    }

    @Test
    void classicFileHeaderInBothByteOrders() throws Exception {
        for (ByteOrder order : new ByteOrder[] {ByteOrder.LITTLE_ENDIAN, ByteOrder.BIG_ENDIAN}) {
            byte[] header = CaptureBytes.pcap(order, true, 0x0400_0001).bytes(); // FCS bits above the link type
            ClassicPcapLayout.FileHeader parsed = ClassicPcapLayout.parse(ByteBuffer.wrap(header), 0);
            assertThat(parsed).isEqualTo(new ClassicPcapLayout.FileHeader(order, true, 2, 4, 65535, 1));
        }
    }
}
