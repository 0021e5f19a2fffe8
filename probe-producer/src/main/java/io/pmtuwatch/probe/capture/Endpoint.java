package io.pmtuwatch.probe.capture;

import io.pmtuwatch.probe.trace.AddressText;
import java.net.InetAddress;
import java.util.Arrays;

/** An address and port (for ICMP echo: the identifier). */
public record Endpoint(InetAddress address, int port) implements Comparable<Endpoint> {

    @Override
    public int compareTo(Endpoint other) {
        int c = Arrays.compareUnsigned(address.getAddress(), other.address.getAddress());
        return c != 0 ? c : Integer.compare(port, other.port);
    }

    @Override
    public String toString() {
        String text = AddressText.of(address);
        return (address.getAddress().length == 16 ? "[" + text + "]" : text) + ":" + port;
    }
}
