package io.pmtuwatch.probe.handshake;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class SocketAddressesTest {

    @Test
    void encodesSockaddrInWithFamilyInHostOrderAndPortInNetworkOrder() throws Exception {
        byte[] raw = SocketAddresses.encode(InetAddress.getByName("192.0.2.7"), 443);

        // x86_64 is little-endian: family 2 as 02 00.
        assertThat(HexFormat.of().formatHex(raw)).isEqualTo("020001bbc0000207" + "0000000000000000");
    }

    @Test
    void encodesSockaddrIn6() throws Exception {
        byte[] raw = SocketAddresses.encode(InetAddress.getByName("2001:db8::1"), 8080);

        assertThat(raw).hasSize(28);
        assertThat(HexFormat.of().formatHex(raw, 0, 8)).isEqualTo("0a001f9000000000");
        assertThat(HexFormat.of().formatHex(raw, 8, 24)).isEqualTo("20010db8000000000000000000000001");
    }

    @Test
    void decodeIsTheInverseOfEncode() throws Exception {
        for (String address : new String[] {"10.1.2.3", "fd00::42"}) {
            InetAddress ip = InetAddress.getByName(address);
            assertThat(SocketAddresses.decode(SocketAddresses.encode(ip, 50123)))
                    .isEqualTo(new InetSocketAddress(ip, 50123));
        }
    }
}
