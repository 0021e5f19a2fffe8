package io.pmtuwatch.probe.capture;

/**
 * A TCP sender that was sent a valid packet-too-big and is not yet judged: the live sensor lets its
 * packets to {@code receiver} above {@code mtu} through the kernel filter (bulk traffic otherwise
 * stays out), so what it resends after the message can be seen.
 */
public record PtbWatch(Endpoint sender, Endpoint receiver, int mtu) {
}
