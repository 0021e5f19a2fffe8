package io.pmtuwatch.probe.handshake;

import com.sun.jna.LastErrorException;
import io.pmtuwatch.linux.LibC;
import io.pmtuwatch.linux.LinuxNet;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The interface the kernel routes {@code destination} through, its MTU, and the source address it
 * picks: asked of the kernel by connecting a UDP socket (no packet is sent). Every lookup goes
 * through sockets or /proc/thread-self, so it answers for the network namespace of the calling
 * thread (Java's IPv6 interface list and /sys would show the process's namespace instead).
 *
 * @param name          interface name, e.g. eth0
 * @param mtu           its MTU
 * @param sourceAddress the source address the kernel chose
 */
public record EgressInterface(String name, int mtu, InetAddress sourceAddress) {

    private static final Path IF_INET6 = Path.of("/proc/thread-self/net/if_inet6");
    private static final String LOOPBACK = "lo";

    /** Empty when the source address belongs to no interface we can name. */
    public static Optional<EgressInterface> towards(InetAddress destination) throws IOException {
        InetAddress source;
        try (DatagramSocket probe = new DatagramSocket(null)) {
            // Port 9 (discard): any port works, connect() on UDP only does the route lookup.
            probe.connect(new InetSocketAddress(destination, 9));
            source = probe.getLocalAddress();
        } catch (SocketException | java.io.UncheckedIOException e) {
            throw new IOException("no route to " + destination.getHostAddress() + ": " + e.getMessage(), e);
        }
        if (source == null || source.isAnyLocalAddress()) {
            return Optional.empty();
        }
        // A destination that is one of our own addresses is reached through lo.
        Optional<String> name = destination.isLoopbackAddress() || interfaceOf(destination).isPresent()
                ? Optional.of(LOOPBACK) : interfaceOf(source);
        if (name.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new EgressInterface(name.get(), mtuOf(name.get()), source));
    }

    private static Optional<String> interfaceOf(InetAddress address) throws IOException {
        if (address instanceof Inet6Address) {
            String table;
            try {
                table = Files.readString(IF_INET6);
            } catch (NoSuchFileException e) {
                return Optional.empty(); // IPv6 disabled
            }
            return InterfaceAddresses.interfaceOf(table, address);
        }
        // IPv4 enumeration uses ioctl(SIOCGIFCONF) on a socket of this thread: right namespace.
        NetworkInterface nif = NetworkInterface.getByInetAddress(address);
        return Optional.ofNullable(nif).map(NetworkInterface::getName);
    }

    /** ioctl(SIOCGIFMTU) on a socket of this thread. */
    static int mtuOf(String interfaceName) throws IOException {
        byte[] ifreq = new byte[LinuxNet.IFREQ_LENGTH];
        byte[] nameBytes = interfaceName.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(nameBytes, 0, ifreq, 0, Math.min(nameBytes.length, LinuxNet.IFNAMSIZ - 1));
        int fd;
        try {
            fd = LibC.INSTANCE.socket(LinuxNet.AF_INET, LinuxNet.SOCK_DGRAM | LinuxNet.SOCK_CLOEXEC, 0);
        } catch (LastErrorException e) {
            throw new IOException("socket(): " + TcpSocket.describe(e.getErrorCode()), e);
        }
        try {
            LibC.INSTANCE.ioctl(fd, LinuxNet.SIOCGIFMTU, ifreq);
        } catch (LastErrorException e) {
            throw new IOException("MTU of " + interfaceName + ": " + TcpSocket.describe(e.getErrorCode()), e);
        } finally {
            LibC.INSTANCE.close(fd);
        }
        return ByteBuffer.wrap(ifreq).order(ByteOrder.nativeOrder()).getInt(LinuxNet.IFNAMSIZ);
    }
}
