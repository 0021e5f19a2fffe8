package io.pmtuwatch.probe.socket;

import io.pmtuwatch.linux.LinuxNet;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Optional;

/**
 * Finds and decodes the {@code sock_extended_err} in an error-queue read: the IP_RECVERR (SOL_IP)
 * or IPV6_RECVERR (SOL_IPV6) control message, 16 bytes of fields followed by the offender's
 * sockaddr (SO_EE_OFFENDER).
 */
public final class ExtendedErrors {

    static final int STRUCT_SIZE = 16;

    private ExtendedErrors() {
    }

    public static Optional<ExtendedError> find(List<ControlMessage> messages) {
        for (ControlMessage m : messages) {
            boolean v4 = m.level() == LinuxNet.SOL_IP && m.type() == LinuxNet.IP_RECVERR;
            boolean v6 = m.level() == LinuxNet.SOL_IPV6 && m.type() == LinuxNet.IPV6_RECVERR;
            if (v4 || v6) {
                return decode(m.data());
            }
        }
        return Optional.empty();
    }

    public static Optional<ExtendedError> decode(byte[] data) {
        if (data.length < STRUCT_SIZE) {
            return Optional.empty();
        }
        ByteBuffer b = ByteBuffer.wrap(data).order(ByteOrder.nativeOrder());
        int errno = b.getInt(0);
        int origin = data[4] & 0xff;
        int type = data[5] & 0xff;
        int code = data[6] & 0xff;
        int info = b.getInt(8);
        Optional<InetSocketAddress> offender = SockAddrs.decode(data, STRUCT_SIZE, data.length - STRUCT_SIZE);
        return Optional.of(new ExtendedError(errno, origin, type, code, info,
                offender.map(InetSocketAddress::getAddress)));
    }

    /** Builds the struct plus offender (for fixtures and spoof tests). */
    public static byte[] encode(ExtendedError e, byte[] offenderSockaddr) {
        ByteBuffer b = ByteBuffer.allocate(STRUCT_SIZE + offenderSockaddr.length).order(ByteOrder.nativeOrder());
        b.putInt(e.errno()).put((byte) e.origin()).put((byte) e.type()).put((byte) e.code()).put((byte) 0)
                .putInt(e.info()).putInt(0).put(offenderSockaddr);
        return b.array();
    }
}
