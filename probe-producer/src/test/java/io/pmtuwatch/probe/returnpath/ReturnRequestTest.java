package io.pmtuwatch.probe.returnpath;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pmtuwatch.schemas.ReturnPathRequest;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Which request goes to which port, and that the ClientHello is well-formed TLS. */
class ReturnRequestTest {

    @Test
    void autoPicksByWellKnownPortAndLeavesOthersAlone() {
        assertThat(ReturnRequest.AUTO.forPort(443)).contains(ReturnPathRequest.TLS_CLIENT_HELLO);
        assertThat(ReturnRequest.AUTO.forPort(993)).contains(ReturnPathRequest.TLS_CLIENT_HELLO);
        assertThat(ReturnRequest.AUTO.forPort(80)).contains(ReturnPathRequest.HTTP_GET);
        assertThat(ReturnRequest.AUTO.forPort(8080)).contains(ReturnPathRequest.HTTP_GET);
        assertThat(ReturnRequest.AUTO.forPort(22)).isEmpty();
        assertThat(ReturnRequest.HTTP.forPort(22)).contains(ReturnPathRequest.HTTP_GET);
        assertThat(ReturnRequest.TLS.forPort(80)).contains(ReturnPathRequest.TLS_CLIENT_HELLO);
        assertThat(ReturnRequest.OFF.forPort(443)).isEmpty();
        assertThat(ReturnRequest.parse(" Tls ")).isEqualTo(ReturnRequest.TLS);
        assertThatThrownBy(() -> ReturnRequest.parse("ftp")).hasMessageContaining("auto, http, tls or off");
    }

    @Test
    void httpGetAsksToCloseAndBracketsIpv6Hosts() {
        String get = new String(ReturnRequest.bytes(ReturnPathRequest.HTTP_GET, "fd00::2", "/big"),
                StandardCharsets.US_ASCII);
        assertThat(get).startsWith("GET /big HTTP/1.1\r\nHost: [fd00::2]\r\n").contains("Connection: close")
                .endsWith("\r\n\r\n");
    }

    @Test
    void clientHelloLengthsAddUpAndSniIsOnlyForNames() {
        for (String host : new String[] {"www.example.net", "192.0.2.7"}) {
            byte[] hello = ReturnRequest.bytes(ReturnPathRequest.TLS_CLIENT_HELLO, host, "/");
            ByteBuffer b = ByteBuffer.wrap(hello);
            assertThat(b.get()).isEqualTo((byte) 0x16);
            b.getShort();
            int recordLength = b.getShort() & 0xffff;
            assertThat(recordLength).isEqualTo(hello.length - 5);
            assertThat(b.get()).isEqualTo((byte) 1);
            int handshakeLength = ((b.get() & 0xff) << 16) | (b.getShort() & 0xffff);
            assertThat(handshakeLength).isEqualTo(recordLength - 4);
            boolean sni = new String(hello, StandardCharsets.ISO_8859_1).contains(host);
            assertThat(sni).isEqualTo(host.startsWith("www"));
        }
    }
}
