package io.pmtuwatch.probe.handshake;

import static io.pmtuwatch.probe.handshake.HandshakePackets.CLIENT;
import static io.pmtuwatch.probe.handshake.HandshakePackets.SERVER;
import static org.assertj.core.api.Assertions.assertThat;

import io.pmtuwatch.schemas.HandshakeOutcome;
import io.pmtuwatch.schemas.MssMethod;
import java.net.InetSocketAddress;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class HandshakeAssemblerTest {

    private static final EgressInterface EGRESS = new EgressInterface("eth0", 1500, CLIENT);
    private static final InetSocketAddress LOCAL = new InetSocketAddress(CLIENT, 50000);
    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
    private static final TcpInfo KERNEL = new TcpInfo(1, 7, 9, 7, 1348, 536, 1500, 250, 1448);
    private static final ConnectResult CONNECTED = new ConnectResult(ConnectResult.Status.CONNECTED, 0, 400_000);

    private static HandshakeResult assemble(ConnectResult connect, WireHandshake wire, TcpInfo kernel, String note) {
        return HandshakeAssembler.assemble(new HandshakeAssembler.Facts(SERVER, 443, LOCAL, connect, wire, kernel,
                EGRESS, START, note));
    }

    private static WireHandshake fullWire() {
        return new WireHandshake(CLIENT, 50000, 1_700_000_000_000_000L, HandshakePackets.SYN_OPTIONS,
                HandshakePackets.SYN_ACK_OPTIONS, false, 250L, 1);
    }

    @Test
    void captureWinsWhenItSawBothSides() {
        HandshakeResult r = assemble(CONNECTED, fullWire(), KERNEL, null);

        assertThat(r.outcome()).isEqualTo(HandshakeOutcome.ESTABLISHED);
        assertThat(r.method()).isEqualTo(MssMethod.PCAP);
        assertThat(r.mssSent()).isEqualTo(1460);
        assertThat(r.mssReceived()).isEqualTo(1360);
        assertThat(r.windowScaleSent()).isEqualTo(7);
        assertThat(r.windowScaleReceived()).isEqualTo(9);
        assertThat(r.timestampsReceived()).isTrue();
        assertThat(r.rttMicros()).isEqualTo(250);
        assertThat(r.kernel()).isEqualTo(KERNEL);
        assertThat(r.startedAt()).isEqualTo(Instant.ofEpochSecond(1_700_000_000L));
        assertThat(r.effectiveMss()).isEqualTo(1360);
        assertThat(r.error()).isNull();
    }

    @Test
    void kernelViewWithoutCapture() {
        HandshakeResult r = assemble(CONNECTED, null, KERNEL, "capture unavailable");

        assertThat(r.method()).isEqualTo(MssMethod.TCP_INFO);
        assertThat(r.mssSent()).isEqualTo(1460); // 1448 + 12 timestamp bytes
        assertThat(r.mssReceived()).isEqualTo(1360); // 1348 + 12 timestamp bytes
        assertThat(r.windowScaleSent()).isEqualTo(7);
        assertThat(r.windowScaleReceived()).isEqualTo(9);
        assertThat(r.sackPermittedReceived()).isTrue();
        assertThat(r.rttMicros()).isEqualTo(400);
        assertThat(r.error()).isNull();
        assertThat(r.interpretation()).contains("tcpi_advmss").contains("capture unavailable");
    }

    @Test
    void captureMissingTheSynAckFallsBackToTheKernel() {
        WireHandshake synOnly = new WireHandshake(CLIENT, 50000, 0, HandshakePackets.SYN_OPTIONS, null, false, null, 1);

        assertThat(assemble(CONNECTED, synOnly, KERNEL, null).method()).isEqualTo(MssMethod.TCP_INFO);
    }

    @Test
    void refusedWithCaptureKeepsTheSynMss() {
        WireHandshake reset = new WireHandshake(CLIENT, 50000, 0, HandshakePackets.SYN_OPTIONS, null, true, 40L, 1);
        HandshakeResult r = assemble(new ConnectResult(ConnectResult.Status.REFUSED, 111, 50_000), reset, null, null);

        assertThat(r.outcome()).isEqualTo(HandshakeOutcome.REFUSED);
        assertThat(r.method()).isEqualTo(MssMethod.PCAP);
        assertThat(r.mssSent()).isEqualTo(1460);
        assertThat(r.mssReceived()).isNull();
        assertThat(r.rttMicros()).isNull();
    }

    @Test
    void errorCarriesTheReason() {
        HandshakeResult r = assemble(new ConnectResult(ConnectResult.Status.ERROR, 113, 1_000), null, null, null);

        assertThat(r.outcome()).isEqualTo(HandshakeOutcome.ERROR);
        assertThat(r.method()).isEqualTo(MssMethod.UNKNOWN);
        assertThat(r.error()).contains("errno 113");
    }

    @Test
    void flagsASynMssShapedByALearnedPmtu() {
        TcpInfo learned = new TcpInfo(1, 7, 9, 7, 1386, 536, 1438, 250, 1386);
        HandshakeResult r = assemble(CONNECTED, null, learned, null);

        assertThat(r.synMssReflectsLearnedPmtu()).isTrue();
        assertThat(r.interpretation()).contains("learned PMTU 1438");
        assertThat(assemble(CONNECTED, null, KERNEL, null).synMssReflectsLearnedPmtu()).isFalse();
    }
}
