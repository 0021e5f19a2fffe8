package io.pmtuwatch.probe.returnpath;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;

/**
 * A TLS ClientHello that a TLS 1.2 or 1.3 server answers with its whole first flight (server hello,
 * certificate chain, ...): common cipher suites of both versions, SNI when the target is a name, and
 * an X25519 key share (any 32 bytes are a valid X25519 public key; we never finish the handshake).
 * Pure byte work.
 */
final class ClientHello {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int[] CIPHER_SUITES = {0x1301, 0x1302, 0x1303, 0xc02b, 0xc02f, 0xc02c, 0xc030, 0xcca9,
        0xcca8, 0xc013, 0xc014, 0x009c, 0x009d, 0x002f, 0x0035};
    private static final int[] GROUPS = {0x001d, 0x0017, 0x0018};
    private static final int[] SIGNATURE_ALGORITHMS = {0x0403, 0x0804, 0x0401, 0x0503, 0x0805, 0x0501, 0x0806,
        0x0601, 0x0201};

    private ClientHello() {
    }

    static byte[] build(String host) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        u16(body, 0x0303); // legacy_version TLS 1.2
        body.writeBytes(random(32));
        byte[] session = random(32); // a legacy session id makes middleboxes treat 1.3 like 1.2
        body.write(session.length);
        body.writeBytes(session);
        u16(body, CIPHER_SUITES.length * 2);
        for (int suite : CIPHER_SUITES) {
            u16(body, suite);
        }
        body.write(1);
        body.write(0); // null compression
        byte[] extensions = extensions(host);
        u16(body, extensions.length);
        body.writeBytes(extensions);

        ByteArrayOutputStream handshake = new ByteArrayOutputStream();
        handshake.write(1); // client_hello
        u24(handshake, body.size());
        handshake.writeBytes(body.toByteArray());

        ByteArrayOutputStream record = new ByteArrayOutputStream();
        record.write(0x16); // handshake
        u16(record, 0x0301);
        u16(record, handshake.size());
        record.writeBytes(handshake.toByteArray());
        return record.toByteArray();
    }

    private static byte[] extensions(String host) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (isName(host)) {
            byte[] name = host.getBytes(StandardCharsets.US_ASCII);
            ByteArrayOutputStream sni = new ByteArrayOutputStream();
            u16(sni, name.length + 3);
            sni.write(0); // host_name
            u16(sni, name.length);
            sni.writeBytes(name);
            extension(out, 0x0000, sni.toByteArray());
        }
        ByteArrayOutputStream groups = new ByteArrayOutputStream();
        u16(groups, GROUPS.length * 2);
        for (int group : GROUPS) {
            u16(groups, group);
        }
        extension(out, 0x000a, groups.toByteArray());
        extension(out, 0x000b, new byte[] {1, 0}); // ec_point_formats: uncompressed
        ByteArrayOutputStream signatures = new ByteArrayOutputStream();
        u16(signatures, SIGNATURE_ALGORITHMS.length * 2);
        for (int algorithm : SIGNATURE_ALGORITHMS) {
            u16(signatures, algorithm);
        }
        extension(out, 0x000d, signatures.toByteArray());
        extension(out, 0x002b, new byte[] {4, 0x03, 0x04, 0x03, 0x03}); // supported_versions: 1.3, 1.2
        extension(out, 0x002d, new byte[] {1, 1}); // psk_key_exchange_modes: psk_dhe_ke
        ByteArrayOutputStream share = new ByteArrayOutputStream();
        u16(share, 36);
        u16(share, 0x001d);
        u16(share, 32);
        share.writeBytes(random(32));
        extension(out, 0x0033, share.toByteArray());
        return out.toByteArray();
    }

    /** SNI carries names only, never address literals. */
    static boolean isName(String host) {
        return !host.isEmpty() && !host.contains(":") && !host.matches("[0-9.]+");
    }

    private static void extension(ByteArrayOutputStream out, int type, byte[] data) {
        u16(out, type);
        u16(out, data.length);
        out.writeBytes(data);
    }

    private static byte[] random(int n) {
        byte[] bytes = new byte[n];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    private static void u16(ByteArrayOutputStream out, int value) {
        out.write(value >>> 8);
        out.write(value);
    }

    private static void u24(ByteArrayOutputStream out, int value) {
        out.write(value >>> 16);
        u16(out, value);
    }
}
