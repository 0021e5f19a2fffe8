package io.pmtuwatch.probe.capture;

import io.pmtuwatch.probe.trace.AddressText;
import java.net.InetAddress;

/**
 * {@link AddressText#of} of the address asked for last, kept: a flood of packet-too-bigs names the same
 * router and receiver in every message, and the decoder hands out one address instance per busy address,
 * so the same instance usually comes back. Another instance (even of an equal address) is formatted anew.
 * Not thread-safe.
 */
final class AddressTextMemo {

    private InetAddress address;
    private String text;

    String of(InetAddress a) {
        if (a != address) {
            text = AddressText.of(a);
            address = a;
        }
        return text;
    }
}
