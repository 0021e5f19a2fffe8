package io.pmtuwatch.probe.handshake;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.util.Optional;

/**
 * The interface the kernel routes {@code destination} through, its MTU, and the source address it
 * picks: asked of the kernel by connecting a UDP socket (no packet is sent). Runs in the network
 * namespace of the calling thread.
 *
 * @param name          interface name, e.g. eth0
 * @param mtu           its MTU
 * @param sourceAddress the source address the kernel chose
 */
public record EgressInterface(String name, int mtu, InetAddress sourceAddress) {

    /** Empty when there is no route or the source address belongs to no interface (e.g. a VRF oddity). */
    public static Optional<EgressInterface> towards(InetAddress destination) throws IOException {
        try (DatagramSocket probe = new DatagramSocket(null)) {
            // Port 9 (discard): any port works, connect() on UDP only does the route lookup.
            probe.connect(new InetSocketAddress(destination, 9));
            InetAddress source = probe.getLocalAddress();
            if (source == null || source.isAnyLocalAddress()) {
                return Optional.empty();
            }
            NetworkInterface nif = NetworkInterface.getByInetAddress(source);
            if (nif == null) {
                return Optional.empty();
            }
            // A local destination leaves through lo whatever address it has.
            String name = destination.isLoopbackAddress() || isLocal(destination) ? loopbackName() : nif.getName();
            int mtu = name.equals(nif.getName()) ? nif.getMTU() : NetworkInterface.getByName(name).getMTU();
            return Optional.of(new EgressInterface(name, mtu, source));
        } catch (java.io.UncheckedIOException | java.net.SocketException e) {
            throw new IOException("no route to " + destination.getHostAddress() + ": " + e.getMessage(), e);
        }
    }

    private static boolean isLocal(InetAddress destination) throws java.net.SocketException {
        return NetworkInterface.getByInetAddress(destination) != null;
    }

    private static String loopbackName() throws java.net.SocketException {
        NetworkInterface lo = NetworkInterface.networkInterfaces().filter(n -> {
            try {
                return n.isLoopback();
            } catch (java.net.SocketException e) {
                return false;
            }
        }).findFirst().orElse(null);
        return lo == null ? "lo" : lo.getName();
    }
}
