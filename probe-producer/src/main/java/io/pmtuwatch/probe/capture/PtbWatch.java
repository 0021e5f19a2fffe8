package io.pmtuwatch.probe.capture;

/**
 * A TCP sender that was sent a valid packet-too-big and is not yet judged: the live sensor lets its
 * packets to {@code receiver} above {@code mtu} through the kernel filter (bulk traffic otherwise
 * stays out), so what it resends after the message can be seen.
 */
public record PtbWatch(Endpoint sender, Endpoint receiver, int mtu) {

    // Written out: the record's generated equals goes through method handles, and a PTB flood compares
    // a watch per message (analyze spent 6% of its main thread there, mostly before the JIT got to it).
    @Override
    public boolean equals(Object o) {
        return o instanceof PtbWatch other && mtu == other.mtu && sender.equals(other.sender)
                && receiver.equals(other.receiver);
    }

    @Override
    public int hashCode() {
        return (31 * sender.hashCode() + receiver.hashCode()) * 31 + mtu;
    }
}
