package io.pmtuwatch.probe.handshake;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class InterfaceAddressesTest {

    private static final String IF_INET6 = """
            00000000000000000000000000000001 01 80 10 80       lo
            fd000201000100000000000000000002 02 40 00 80       c0
            fe800000000000000c1e5ffffe0a0b0c 02 40 20 80       c0
            """;

    @Test
    void findsTheInterfaceHoldingAnAddress() throws Exception {
        assertThat(InterfaceAddresses.interfaceOf(IF_INET6, InetAddress.getByName("fd00:201:1::2"))).contains("c0");
        assertThat(InterfaceAddresses.interfaceOf(IF_INET6, InetAddress.getByName("::1"))).contains("lo");
    }

    @Test
    void unknownOrIpv4AddressesHaveNone() throws Exception {
        assertThat(InterfaceAddresses.interfaceOf(IF_INET6, InetAddress.getByName("fd00::9"))).isEmpty();
        assertThat(InterfaceAddresses.interfaceOf(IF_INET6, InetAddress.getByName("10.0.0.1"))).isEmpty();
    }
}
