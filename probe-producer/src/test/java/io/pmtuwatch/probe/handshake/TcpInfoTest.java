package io.pmtuwatch.probe.handshake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

class TcpInfoTest {

    /** A tcp_info as x86_64 Linux lays it out, with recognisable values at the offsets we read. */
    private static byte[] rawTcpInfo() {
        ByteBuffer buf = ByteBuffer.allocate(TcpInfo.BUFFER_LENGTH).order(ByteOrder.LITTLE_ENDIAN);
        buf.put(0, (byte) 1); // ESTABLISHED
        buf.put(5, (byte) (TcpInfo.TCPI_OPT_TIMESTAMPS | TcpInfo.TCPI_OPT_SACK | TcpInfo.TCPI_OPT_WSCALE));
        buf.put(6, (byte) 0x79); // rcv_wscale 7 (high nibble), snd_wscale 9 (low nibble)
        buf.putInt(8, 204_000);  // rto
        buf.putInt(12, 40_000);  // ato
        buf.putInt(16, 1348);    // snd_mss
        buf.putInt(20, 536);     // rcv_mss
        buf.putInt(60, 1500);    // pmtu
        buf.putInt(64, 64_076);  // rcv_ssthresh
        buf.putInt(68, 87);      // rtt
        buf.putInt(84, 1460);    // advmss
        return buf.array();
    }

    @Test
    void readsFieldsAtTheirX8664Offsets() {
        TcpInfo info = TcpInfo.parse(rawTcpInfo(), 232);

        assertThat(info).isEqualTo(new TcpInfo(1, 7, 9, 7, 1348, 536, 1500, 87, 1460));
        assertThat(info.timestamps()).isTrue();
        assertThat(info.sack()).isTrue();
        assertThat(info.windowScaling()).isTrue();
    }

    @Test
    void peerMssAddsBackTimestampBytesOnlyWhenNegotiated() {
        TcpInfo withTs = TcpInfo.parse(rawTcpInfo(), 232);
        assertThat(withTs.peerMssBoundedByPmtu()).isEqualTo(1360);

        TcpInfo noTs = new TcpInfo(1, 0, 0, 0, 1360, 536, 1500, 87, 1460);
        assertThat(noTs.peerMssBoundedByPmtu()).isEqualTo(1360);
    }

    @Test
    void refusesAShortStruct() {
        assertThatThrownBy(() -> TcpInfo.parse(rawTcpInfo(), 84)).isInstanceOf(IllegalArgumentException.class);
    }
}
