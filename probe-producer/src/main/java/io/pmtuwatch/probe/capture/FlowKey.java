package io.pmtuwatch.probe.capture;

/**
 * A transport conversation regardless of direction: the lower endpoint first, so both directions
 * (and the quote of an ICMP error about either) find the same flow.
 */
public record FlowKey(int protocol, Endpoint low, Endpoint high) {

    // Written out for the same reason as Endpoint's: a flow is looked up per segment.
    @Override
    public boolean equals(Object o) {
        return o instanceof FlowKey other && protocol == other.protocol && low.equals(other.low)
                && high.equals(other.high);
    }

    @Override
    public int hashCode() {
        return (31 * protocol + low.hashCode()) * 31 + high.hashCode();
    }

    public static FlowKey of(int protocol, Endpoint a, Endpoint b) {
        return a.compareTo(b) <= 0 ? new FlowKey(protocol, a, b) : new FlowKey(protocol, b, a);
    }
}
