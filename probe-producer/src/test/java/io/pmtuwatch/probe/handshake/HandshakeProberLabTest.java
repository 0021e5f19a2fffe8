package io.pmtuwatch.probe.handshake;

import static io.pmtuwatch.probe.handshake.HandshakeLab.BLACKHOLED_PORT;
import static io.pmtuwatch.probe.handshake.HandshakeLab.CLAMPED_PORT;
import static io.pmtuwatch.probe.handshake.HandshakeLab.CLAMP_MSS;
import static io.pmtuwatch.probe.handshake.HandshakeLab.SERVER_V4;
import static io.pmtuwatch.probe.handshake.HandshakeLab.SERVER_V6;
import static org.assertj.core.api.Assertions.assertThat;

import io.pmtuwatch.linux.NetNamespace;
import io.pmtuwatch.schemas.HandshakeOutcome;
import io.pmtuwatch.schemas.MssMethod;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Real handshakes in a namespace lab: client (MTU 1500) -> router -> server (MTU 1400). Ground
 * truth: our SYN advertises 1500 - 40 = 1460 (IPv6: 1440); the server's SYN-ACK 1400 - 40 = 1360
 * (IPv6: 1340), or its route advmss, or the router's clamp.
 */
@Tag("root")
class HandshakeProberLabTest {

    private static final int PORT = 8080;
    private static final int REFUSED_PORT = 8099;
    private static final HandshakeSettings PCAP = HandshakeSettings.DEFAULT.withMode(MssMode.PCAP);
    private static final HandshakeSettings TCP_INFO = HandshakeSettings.DEFAULT.withMode(MssMode.TCP_INFO);

    private static HandshakeLab lab;
    private static final List<ServerSocket> listeners = new ArrayList<>();

    @BeforeAll
    static void buildLab() throws Exception {
        lab = HandshakeLab.build("pwhs" + ProcessHandle.current().pid() % 100000);
        NetNamespace server = NetNamespace.named(lab.server);
        for (int port : new int[] {PORT, CLAMPED_PORT, BLACKHOLED_PORT}) {
            // Dual-stack listener: the kernel completes handshakes from its backlog, no accept() needed.
            listeners.add(server.call(() -> new ServerSocket(port, 50)));
        }
    }

    @AfterAll
    static void tearDown() throws Exception {
        for (ServerSocket listener : listeners) {
            listener.close();
        }
        if (lab != null) {
            lab.close();
        }
    }

    private static HandshakeResult measure(HandshakeSettings settings, String address, int port) throws Exception {
        InetAddress server = InetAddress.getByName(address);
        return NetNamespace.named(lab.client).call(() -> new HandshakeProber(settings).measure(server, port));
    }

    @Test
    void pcapReadsBothMssOptionsFromTheWire() throws Exception {
        HandshakeResult r = measure(PCAP, SERVER_V4, PORT);

        assertThat(r.outcome()).as(r::toString).isEqualTo(HandshakeOutcome.ESTABLISHED);
        assertThat(r.method()).isEqualTo(MssMethod.PCAP);
        assertThat(r.mssSent()).isEqualTo(1460);
        assertThat(r.mssReceived()).isEqualTo(1360);
        assertThat(r.windowScaleSent()).isNotNull();
        assertThat(r.windowScaleReceived()).isNotNull();
        assertThat(r.sackPermittedSent()).isTrue();
        assertThat(r.sackPermittedReceived()).isTrue();
        assertThat(r.timestampsSent()).isTrue();
        assertThat(r.timestampsReceived()).isTrue();
        assertThat(r.rttMicros()).isPositive().isLessThan(1_000_000);
        assertThat(r.localMtu()).isEqualTo(1500);
        assertThat(r.interfaceName()).isEqualTo("c0");
        assertThat(r.clientAddress()).isEqualTo(InetAddress.getByName(HandshakeLab.CLIENT_V4));
        assertThat(r.clientPort()).isPositive();
        assertThat(r.kernel().pmtu()).isEqualTo(1500);
        assertThat(r.kernel().advmss()).isEqualTo(1448); // the kernel takes the timestamp bytes off advmss
        assertThat(r.synMssReflectsLearnedPmtu()).isFalse();
    }

    @Test
    void tcpInfoWithoutCaptureGivesTheSameValues() throws Exception {
        HandshakeResult r = measure(TCP_INFO, SERVER_V4, PORT);

        assertThat(r.outcome()).as(r::toString).isEqualTo(HandshakeOutcome.ESTABLISHED);
        assertThat(r.method()).isEqualTo(MssMethod.TCP_INFO);
        assertThat(r.mssSent()).isEqualTo(1460);
        assertThat(r.mssReceived()).isEqualTo(1360);
        assertThat(r.sackPermittedReceived()).isTrue();
        assertThat(r.rttMicros()).isPositive();
        assertThat(r.kernel().sndMss()).isEqualTo(1348); // 1360 minus the 12 timestamp bytes
    }

    @Test
    void ipv6OverPcap() throws Exception {
        HandshakeResult r = measure(PCAP, SERVER_V6, PORT);

        assertThat(r.outcome()).as(r::toString).isEqualTo(HandshakeOutcome.ESTABLISHED);
        assertThat(r.method()).isEqualTo(MssMethod.PCAP);
        assertThat(r.mssSent()).isEqualTo(1440);
        assertThat(r.mssReceived()).isEqualTo(1340);
    }

    @Test
    void ipv6OverTcpInfo() throws Exception {
        HandshakeResult r = measure(TCP_INFO, SERVER_V6, PORT);

        assertThat(r.method()).isEqualTo(MssMethod.TCP_INFO);
        assertThat(r.mssSent()).isEqualTo(1440);
        assertThat(r.mssReceived()).isEqualTo(1340);
    }

    @Test
    void serverAdvertisingMss1440() throws Exception {
        lab.serverAdvmss(1440);
        try {
            HandshakeResult pcap = measure(PCAP, SERVER_V4, PORT);
            HandshakeResult kernel = measure(TCP_INFO, SERVER_V4, PORT);

            assertThat(pcap.mssReceived()).isEqualTo(1440);
            assertThat(kernel.mssReceived()).isEqualTo(1440);
            assertThat(pcap.mssSent()).isEqualTo(1460);
        } finally {
            lab.serverAdvmss(null);
        }
    }

    @Test
    void mssClampInThePathShowsInTheSynAck() throws Exception {
        HandshakeResult pcap = measure(PCAP, SERVER_V4, CLAMPED_PORT);
        HandshakeResult kernel = measure(TCP_INFO, SERVER_V4, CLAMPED_PORT);

        // Our SYN is captured before the router rewrites it; the SYN-ACK arrives rewritten.
        assertThat(pcap.mssSent()).isEqualTo(1460);
        assertThat(pcap.mssReceived()).isEqualTo(CLAMP_MSS);
        assertThat(kernel.mssReceived()).isEqualTo(CLAMP_MSS);
    }

    @Test
    void refused() throws Exception {
        HandshakeResult pcap = measure(PCAP, SERVER_V4, REFUSED_PORT);
        HandshakeResult kernel = measure(TCP_INFO, SERVER_V4, REFUSED_PORT);

        assertThat(pcap.outcome()).as(pcap::toString).isEqualTo(HandshakeOutcome.REFUSED);
        assertThat(pcap.method()).isEqualTo(MssMethod.PCAP);
        assertThat(pcap.mssSent()).isEqualTo(1460);
        assertThat(pcap.mssReceived()).isNull();
        assertThat(kernel.outcome()).as(kernel::toString).isEqualTo(HandshakeOutcome.REFUSED);
    }

    @Test
    void timeoutWhenSynsVanish() throws Exception {
        HandshakeSettings quick = PCAP.withConnectTimeout(Duration.ofMillis(300));
        HandshakeResult r = measure(quick, SERVER_V4, BLACKHOLED_PORT);

        assertThat(r.outcome()).as(r::toString).isEqualTo(HandshakeOutcome.TIMEOUT);
        assertThat(r.mssSent()).isEqualTo(1460);
        assertThat(r.mssReceived()).isNull();
        assertThat(r.rttMicros()).isNull();
    }

    @Test
    void aLearnedPmtuShrinksOurSynMssAndIsFlagged() throws Exception {
        // A DF datagram too big for the 1400 link: the router answers frag-needed, our kernel caches PMTU 1400.
        InetAddress spare = InetAddress.getByName(HandshakeLab.SERVER_V4_SPARE);
        NetNamespace.named(lab.client).call(() -> {
            try (DatagramSocket udp = new DatagramSocket()) {
                udp.send(new DatagramPacket(new byte[1472], 1472, new InetSocketAddress(spare, 9)));
            }
            return null;
        });
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> HandshakeLab
                .output("ip -n " + lab.client + " route get " + HandshakeLab.SERVER_V4_SPARE).contains("mtu 1400"));

        HandshakeResult r = measure(PCAP, HandshakeLab.SERVER_V4_SPARE, PORT);

        assertThat(r.mssSent()).isEqualTo(1360); // not 1460: the DESIGN's warning, reproduced
        assertThat(r.kernel().pmtu()).isEqualTo(1400);
        assertThat(r.localMtu()).isEqualTo(1500);
        assertThat(r.synMssReflectsLearnedPmtu()).isTrue();
        assertThat(r.interpretation()).contains("learned PMTU 1400");
    }

    @Test
    void noRouteIsAnError() throws Exception {
        HandshakeResult r = measure(TCP_INFO, "192.0.2.1", PORT);

        // The client has a default route, so the SYN leaves and vanishes at the router (no route there).
        assertThat(r.outcome()).as(r::toString).isIn(HandshakeOutcome.ERROR, HandshakeOutcome.TIMEOUT);
    }

}
