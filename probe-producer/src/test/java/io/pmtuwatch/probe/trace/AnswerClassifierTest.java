package io.pmtuwatch.probe.trace;

import static org.assertj.core.api.Assertions.assertThat;

import io.pmtuwatch.probe.socket.Datagram;
import io.pmtuwatch.probe.socket.ExtendedError;
import io.pmtuwatch.linux.LinuxNet;
import io.pmtuwatch.probe.socket.ProbeKind;
import io.pmtuwatch.probe.socket.QueuedError;
import io.pmtuwatch.schemas.HopOutcome;
import io.pmtuwatch.schemas.ProbeMethod;
import io.pmtuwatch.schemas.ProbePhase;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Validation of ICMP errors against the probe they quote: quoted 5-tuple, run nonce, sequence, MTU limits. */
class AnswerClassifierTest {

    private static final int NONCE = 0x5eed1234;
    private static final InetSocketAddress V4_TARGET = new InetSocketAddress(addr("10.0.3.2"), 33434);
    private static final InetSocketAddress V6_TARGET = new InetSocketAddress(addr("fd00:0:0:3::2"), 33434);
    private static final SentProbe PROBE = new SentProbe(7, 3, 1500, ProbeMethod.UDP, ProbePhase.HOP_TRACE, 1_000, 0);
    private static final Map<Integer, SentProbe> SENT = Map.of(7, PROBE);

    private final AnswerClassifier v4 = new AnswerClassifier(V4_TARGET, NONCE);
    private final AnswerClassifier v6 = new AnswerClassifier(V6_TARGET, NONCE);

    @Test
    void acceptsAGenuineFragNeeded() {
        ProbeAnswer a = v4.classify(error(V4_TARGET, 3, 4, 1400, "10.0.1.2", NONCE, 7), ProbeKind.UDP, SENT).orElseThrow();
        assertThat(a.valid()).isTrue();
        assertThat(a.outcome()).isEqualTo(HopOutcome.PACKET_TOO_BIG);
        assertThat(a.reportedMtu()).isEqualTo(1400);
        assertThat(a.responder()).isEqualTo("10.0.1.2");
        assertThat(a.probe()).contains(PROBE);
        assertThat(a.rttMicros()).contains(1L);
    }

    @Test
    void portUnreachableFromTheTargetMeansReached() {
        ProbeAnswer a = v4.classify(error(V4_TARGET, 3, 3, 0, "10.0.3.2", NONCE, 7), ProbeKind.UDP, SENT).orElseThrow();
        assertThat(a.outcome()).isEqualTo(HopOutcome.DESTINATION_REACHED);
        ProbeAnswer te = v6.classify(error(V6_TARGET, 3, 0, 0, "fd00::1", NONCE, 7), ProbeKind.UDP, SENT).orElseThrow();
        assertThat(te.outcome()).isEqualTo(HopOutcome.TIME_EXCEEDED);
    }

    @Test
    void rejectsWrongQuotesStaleIdsAndImpossibleMtus() {
        assertThat(reason(v4, error(new InetSocketAddress(addr("10.9.9.9"), 33434), 3, 4, 1400, "10.0.1.2", NONCE, 7)))
                .contains("not the target");
        assertThat(reason(v4, error(new InetSocketAddress(V4_TARGET.getAddress(), 53), 3, 4, 1400, "10.0.1.2", NONCE, 7)))
                .contains("not the target");
        assertThat(reason(v4, error(V4_TARGET, 3, 4, 1400, "10.0.1.2", NONCE + 1, 7))).contains("not from this run");
        assertThat(reason(v4, error(V4_TARGET, 3, 4, 1400, "10.0.1.2", NONCE, 99))).contains("never sent");
        assertThat(reason(v4, error(V4_TARGET, 3, 4, 1500, "10.0.1.2", NONCE, 7))).contains("not smaller");
        assertThat(reason(v4, error(V4_TARGET, 3, 4, 9000, "10.0.1.2", NONCE, 7))).contains("not smaller");
        assertThat(reason(v4, error(V4_TARGET, 3, 4, 67, "10.0.1.2", NONCE, 7))).contains("below the minimum 68");
        assertThat(reason(v6, error(V6_TARGET, 2, 0, 1279, "fd00::1", NONCE, 7))).contains("below the minimum 1280");
        QueuedError shortQuote = new QueuedError(icmp(3, 4, 1400, "10.0.1.2"), Optional.of(V4_TARGET), new byte[4], 2_000);
        assertThat(reason(v4, shortQuote)).contains("too short");
    }

    @Test
    void echoRepliesMatchOnlyOurProbes() {
        SentProbe echo = new SentProbe(3, 64, 1400, ProbeMethod.ICMP_ECHO, ProbePhase.SIZE_SEARCH, 0, 0);
        byte[] reply = new byte[8 + 16];
        System.arraycopy(ProbePayload.build(NONCE, 3, 16), 0, reply, 8, 16);
        Datagram ours = new Datagram(Optional.of(new InetSocketAddress(V4_TARGET.getAddress(), 0)), reply, 5_000);
        assertThat(v4.classify(ours, ProbeKind.ICMP_ECHO, Map.of(3, echo)))
                .hasValueSatisfying(a -> assertThat(a.outcome()).isEqualTo(HopOutcome.DESTINATION_REACHED));
        byte[] foreign = reply.clone();
        foreign[8] ^= 1;
        assertThat(v4.classify(new Datagram(Optional.empty(), foreign, 0), ProbeKind.ICMP_ECHO, Map.of(3, echo))).isEmpty();
    }

    @Test
    void formatsIpv6TheRfc5952Way() {
        assertThat(AddressText.of(addr("fd00:0:0:1:0:0:0:2"))).isEqualTo("fd00:0:0:1::2");
        assertThat(AddressText.of(addr("2001:db8:0:0:1:0:0:1"))).isEqualTo("2001:db8::1:0:0:1");
        assertThat(AddressText.of(addr("::1"))).isEqualTo("::1");
        assertThat(AddressText.of(addr("2001:db8:1:2:3:4:5:6"))).isEqualTo("2001:db8:1:2:3:4:5:6");
    }

    private static String reason(AnswerClassifier c, QueuedError e) {
        ProbeAnswer a = c.classify(e, ProbeKind.UDP, SENT).orElseThrow();
        assertThat(a.valid()).isFalse();
        return a.invalidReason();
    }

    private static QueuedError error(InetSocketAddress quotedDst, int type, int code, int info, String offender, int nonce,
            int seq) {
        return new QueuedError(icmp(type, code, info, offender), Optional.of(quotedDst), ProbePayload.build(nonce, seq, 64),
                2_000);
    }

    private static ExtendedError icmp(int type, int code, int info, String offender) {
        InetAddress o = addr(offender);
        int origin = o instanceof java.net.Inet6Address ? LinuxNet.SO_EE_ORIGIN_ICMP6 : LinuxNet.SO_EE_ORIGIN_ICMP;
        return new ExtendedError(90, origin, type, code, info, Optional.of(o));
    }

    private static InetAddress addr(String text) {
        try {
            return InetAddress.getByName(text);
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(e);
        }
    }
}
