package io.pmtuwatch.probe.handshake;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

class CaptureFilterTest {

    @Test
    void ipv4FilterNamesTheTupleBothWaysAndSynOrRst() throws Exception {
        String filter = CaptureFilter.forHandshake(InetAddress.getByName("10.0.0.1"), 443, 50000);

        assertThat(filter).isEqualTo("ip and tcp and (tcp[tcpflags] & (tcp-syn|tcp-rst)) != 0 and "
                + "((dst host 10.0.0.1 and dst port 443 and src port 50000)"
                + " or (src host 10.0.0.1 and src port 443 and dst port 50000))");
    }

    @Test
    void ipv6FilterReadsTheFlagsByOffset() throws Exception {
        String filter = CaptureFilter.forHandshake(InetAddress.getByName("fd00::1"), 80, 40000);

        assertThat(filter).startsWith("ip6 and tcp and (ip6[53] & 0x06) != 0 and ")
                .contains("dst host fd00:0:0:0:0:0:0:1 and dst port 80 and src port 40000");
    }
}
