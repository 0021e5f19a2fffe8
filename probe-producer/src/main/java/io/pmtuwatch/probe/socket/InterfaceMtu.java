package io.pmtuwatch.probe.socket;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;
import io.pmtuwatch.linux.LibC;
import io.pmtuwatch.linux.LinuxNet;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * MTU of the interface that holds a local address, seen from the calling thread's network namespace.
 *
 * <p>Not the socket's IP_MTU: that is the kernel's path MTU cache, lowered by any earlier
 * packet-too-big (ours or forged), and a trace must start from the interface. Not Java's
 * NetworkInterface for IPv6 either: it reads /proc/net/if_inet6, which shows the namespace of the
 * process, not of a thread that entered another one with setns. So: the interface name from
 * /proc/thread-self/net/if_inet6 (IPv6) or NetworkInterface (IPv4, which uses ioctls on a socket of
 * this thread), then SIOCGIFMTU on a socket of this thread.
 */
public final class InterfaceMtu {

    private InterfaceMtu() {
    }

    public static Optional<Integer> of(InetAddress local) {
        return interfaceName(local).flatMap(InterfaceMtu::mtu);
    }

    static Optional<String> interfaceName(InetAddress local) {
        if (local instanceof Inet6Address) {
            try {
                return ipv6InterfaceName(Files.readAllLines(Path.of("/proc/thread-self/net/if_inet6"),
                        StandardCharsets.US_ASCII), local);
            } catch (IOException e) {
                return Optional.empty();
            }
        }
        try {
            NetworkInterface nif = NetworkInterface.getByInetAddress(local);
            return nif == null ? Optional.empty() : Optional.of(nif.getName());
        } catch (java.net.SocketException e) {
            return Optional.empty();
        }
    }

    /** Parses if_inet6 lines: address (32 hex digits), index, prefix, scope, flags, name. */
    static Optional<String> ipv6InterfaceName(List<String> lines, InetAddress local) {
        String wanted = HexFormat.of().formatHex(local.getAddress());
        for (String line : lines) {
            String[] fields = line.trim().split("\\s+");
            if (fields.length >= 6 && fields[0].equalsIgnoreCase(wanted)) {
                return Optional.of(fields[5]);
            }
        }
        return Optional.empty();
    }

    private static Optional<Integer> mtu(String name) {
        int fd;
        try {
            fd = LibC.INSTANCE.socket(LinuxNet.AF_INET, LinuxNet.SOCK_DGRAM, 0);
        } catch (LastErrorException e) {
            return Optional.empty();
        }
        try {
            Memory ifreq = new Memory(LinuxNet.IFREQ_LENGTH);
            ifreq.clear();
            byte[] bytes = name.getBytes(StandardCharsets.US_ASCII);
            ifreq.write(0, bytes, 0, Math.min(bytes.length, LinuxNet.IFNAMSIZ - 1));
            LibC.INSTANCE.ioctl(fd, LinuxNet.SIOCGIFMTU, ifreq);
            return Optional.of(ifreq.getInt(LinuxNet.IFNAMSIZ));
        } catch (LastErrorException e) {
            return Optional.empty();
        } finally {
            LibC.INSTANCE.close(fd);
        }
    }
}
