package io.pmtuwatch.probe.capture;

/**
 * A transport conversation regardless of direction: the lower endpoint first, so both directions
 * (and the quote of an ICMP error about either) find the same flow.
 */
public record FlowKey(int protocol, Endpoint low, Endpoint high) {

    public static FlowKey of(int protocol, Endpoint a, Endpoint b) {
        return a.compareTo(b) <= 0 ? new FlowKey(protocol, a, b) : new FlowKey(protocol, b, a);
    }
}
