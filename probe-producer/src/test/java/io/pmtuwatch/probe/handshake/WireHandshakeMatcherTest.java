package io.pmtuwatch.probe.handshake;

import static io.pmtuwatch.probe.handshake.HandshakePackets.CLIENT;
import static io.pmtuwatch.probe.handshake.HandshakePackets.CLIENT_PORT;
import static io.pmtuwatch.probe.handshake.HandshakePackets.SERVER;
import static io.pmtuwatch.probe.handshake.HandshakePackets.SERVER_PORT;
import static io.pmtuwatch.probe.handshake.HandshakePackets.SYN_ACK_OPTIONS;
import static io.pmtuwatch.probe.handshake.HandshakePackets.SYN_OPTIONS;
import static io.pmtuwatch.probe.handshake.HandshakePackets.rst;
import static io.pmtuwatch.probe.handshake.HandshakePackets.syn;
import static io.pmtuwatch.probe.handshake.HandshakePackets.synAck;
import static org.assertj.core.api.Assertions.assertThat;

import io.pmtuwatch.probe.packet.TcpFlags;
import java.util.List;
import org.junit.jupiter.api.Test;

class WireHandshakeMatcherTest {

    @Test
    void pairsSynWithItsSynAck() {
        WireHandshake wire = WireHandshakeMatcher.match(List.of(syn(1_000, 77), synAck(1_250, 77)), SERVER,
                SERVER_PORT, CLIENT_PORT).orElseThrow();

        assertThat(wire.syn()).isEqualTo(SYN_OPTIONS);
        assertThat(wire.synAck()).isEqualTo(SYN_ACK_OPTIONS);
        assertThat(wire.rttMicros()).isEqualTo(250);
        assertThat(wire.clientAddress()).isEqualTo(CLIENT);
        assertThat(wire.reset()).isFalse();
        assertThat(wire.synCount()).isEqualTo(1);
    }

    @Test
    void rttRunsFromTheLastSynBeforeTheAnswer() {
        WireHandshake wire = WireHandshakeMatcher.match(List.of(syn(1_000, 77), syn(1_001_000, 77),
                synAck(1_001_300, 77)), SERVER, SERVER_PORT, CLIENT_PORT).orElseThrow();

        assertThat(wire.rttMicros()).isEqualTo(300);
        assertThat(wire.synCount()).isEqualTo(2);
    }

    @Test
    void resetAnswersARefusedSyn() {
        WireHandshake wire = WireHandshakeMatcher.match(List.of(syn(1_000, 5), rst(1_040, 5)), SERVER, SERVER_PORT,
                CLIENT_PORT).orElseThrow();

        assertThat(wire.reset()).isTrue();
        assertThat(wire.synAck()).isNull();
        assertThat(wire.syn().mss()).isEqualTo(1460);
    }

    @Test
    void synAckAcknowledgingAnotherSequenceIsIgnored() {
        WireHandshake wire = WireHandshakeMatcher.match(List.of(syn(1_000, 77), synAck(1_100, 12345)), SERVER,
                SERVER_PORT, CLIENT_PORT).orElseThrow();

        assertThat(wire.synAck()).isNull();
        assertThat(wire.rttMicros()).isNull();
    }

    @Test
    void packetsOfOtherFlowsAreIgnored() {
        var otherPort = HandshakePackets.packet(1_000, CLIENT, SERVER, 40000, SERVER_PORT, 1, 0, TcpFlags.SYN,
                SYN_OPTIONS);
        assertThat(WireHandshakeMatcher.match(List.of(otherPort), SERVER, SERVER_PORT, CLIENT_PORT)).isEmpty();
        assertThat(WireHandshakeMatcher.match(List.of(synAck(1_000, 77)), SERVER, SERVER_PORT, CLIENT_PORT))
                .isEmpty();
    }
}
