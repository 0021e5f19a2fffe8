package io.pmtuwatch.probe.socket;

import static org.assertj.core.api.Assertions.assertThat;

import io.pmtuwatch.linux.LinuxNet;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** sock_extended_err, cmsg and sockaddr decoding on raw bytes as the x86_64 kernel lays them out. */
class ErrorQueueParsingTest {

    private static final HexFormat HEX = HexFormat.of();

    @Test
    void decodesAnIpv4FragNeededFromTheKernelLayout() {
        // cmsg_len 48 (16 header + 16 sock_extended_err + 16 sockaddr_in), SOL_IP, IP_RECVERR,
        // ee_errno 90 (EMSGSIZE), origin 2 (ICMP), type 3, code 4, info 1400, data 0, offender 10.0.1.2.
        byte[] control = HEX.parseHex("3000000000000000" + "00000000" + "0b000000"
                + "5a000000" + "02" + "03" + "04" + "00" + "78050000" + "00000000"
                + "0200" + "0000" + "0a000102" + "0000000000000000");
        List<ControlMessage> messages = ControlMessages.parse(control, control.length);
        assertThat(messages).hasSize(1);
        Optional<ExtendedError> error = ExtendedErrors.find(messages);
        assertThat(error).hasValueSatisfying(e -> {
            assertThat(e.errno()).isEqualTo(90);
            assertThat(e.fromIcmp()).isTrue();
            assertThat(e.type()).isEqualTo(3);
            assertThat(e.code()).isEqualTo(4);
            assertThat(e.info()).isEqualTo(1400);
            assertThat(e.offender()).hasValue(addr("10.0.1.2"));
        });
    }

    @Test
    void decodesAnIpv6PacketTooBigWithItsOffender() throws Exception {
        byte[] offender = SockAddrs.encode(addr("fd00:0:0:1::2"), 0);
        byte[] ee = ExtendedErrors.encode(new ExtendedError(90, LinuxNet.SO_EE_ORIGIN_ICMP6, 2, 0, 1280, Optional.empty()),
                offender);
        byte[] control = ControlMessages.build(LinuxNet.SOL_IPV6, LinuxNet.IPV6_RECVERR, ee);
        ExtendedError e = ExtendedErrors.find(ControlMessages.parse(control, control.length)).orElseThrow();
        assertThat(e.origin()).isEqualTo(LinuxNet.SO_EE_ORIGIN_ICMP6);
        assertThat(e.info()).isEqualTo(1280);
        assertThat(e.offender()).hasValue(addr("fd00:0:0:1::2"));
    }

    @Test
    void localErrorsHaveNoOffender() {
        byte[] ee = ExtendedErrors.encode(new ExtendedError(90, LinuxNet.SO_EE_ORIGIN_LOCAL, 0, 0, 1500, Optional.empty()),
                new byte[16]);
        ExtendedError e = ExtendedErrors.decode(ee).orElseThrow();
        assertThat(e.local()).isTrue();
        assertThat(e.offender()).isEmpty();
    }

    @Test
    void truncatedControlBuffersStopTheWalkInsteadOfOverreading() {
        byte[] control = ControlMessages.build(LinuxNet.SOL_IP, LinuxNet.IP_RECVERR, new byte[32]);
        assertThat(ControlMessages.parse(control, 20)).isEmpty();
        byte[] lying = HEX.parseHex("ff00000000000000" + "00000000" + "0b000000" + "00000000");
        assertThat(ControlMessages.parse(lying, lying.length)).isEmpty();
        assertThat(ExtendedErrors.decode(new byte[8])).isEmpty();
    }

    @Test
    void skipsUnrelatedControlMessagesAndAligns() {
        byte[] ttl = ControlMessages.build(LinuxNet.SOL_IP, LinuxNet.IP_TTL, new byte[] {64, 0, 0, 0});
        byte[] ee = ControlMessages.build(LinuxNet.SOL_IP, LinuxNet.IP_RECVERR,
                ExtendedErrors.encode(new ExtendedError(113, 2, 11, 0, 0, Optional.empty()),
                        SockAddrs.encode(addr("10.0.0.2"), 0)));
        byte[] both = new byte[ttl.length + ee.length];
        System.arraycopy(ttl, 0, both, 0, ttl.length);
        System.arraycopy(ee, 0, both, ttl.length, ee.length);
        List<ControlMessage> messages = ControlMessages.parse(both, both.length);
        assertThat(messages).hasSize(2);
        assertThat(ExtendedErrors.find(messages).orElseThrow().type()).isEqualTo(11);
    }

    @Test
    void sockaddrsRoundTrip() {
        for (String a : List.of("192.0.2.7", "2001:db8::1")) {
            byte[] bytes = SockAddrs.encode(addr(a), 33434);
            assertThat(SockAddrs.decode(bytes, 0, bytes.length)).hasValue(new InetSocketAddress(addr(a), 33434));
        }
        assertThat(SockAddrs.decode(new byte[16], 0, 16)).isEmpty();
    }

    private static InetAddress addr(String text) {
        try {
            return InetAddress.getByName(text);
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(e);
        }
    }
}
