package io.pmtuwatch.probe.capture;

import io.pmtuwatch.probe.trace.AddressText;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.Arrays;

/**
 * An address and port (for ICMP echo: the identifier).
 *
 * <p>equals, hashCode and compareTo are written out: the record's generated ones and the address bytes
 * {@link InetAddress#getAddress()} copies were a quarter of {@code analyze}'s per-segment work (every
 * TCP segment looks up its flow and asks which side sent it). Same results as before.
 */
public record Endpoint(InetAddress address, int port) implements Comparable<Endpoint> {

    @Override
    public boolean equals(Object o) {
        // The decoder hands out one address instance per value it sees often, so identity usually decides.
        return o instanceof Endpoint other && port == other.port
                && (address == other.address || address.equals(other.address));
    }

    @Override
    public int hashCode() {
        return 31 * address.hashCode() + port;
    }

    @Override
    public int compareTo(Endpoint other) {
        int c;
        if (address instanceof Inet4Address && other.address instanceof Inet4Address) {
            // An IPv4 address's hashCode is its 32 bits: unsigned order is the order of its bytes.
            c = Integer.compareUnsigned(address.hashCode(), other.address.hashCode());
        } else {
            c = Arrays.compareUnsigned(address.getAddress(), other.address.getAddress());
        }
        return c != 0 ? c : Integer.compare(port, other.port);
    }

    @Override
    public String toString() {
        String text = AddressText.of(address);
        return (address.getAddress().length == 16 ? "[" + text + "]" : text) + ":" + port;
    }
}
