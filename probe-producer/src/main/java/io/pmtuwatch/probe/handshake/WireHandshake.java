package io.pmtuwatch.probe.handshake;

import io.pmtuwatch.probe.packet.TcpOptions;
import java.net.InetAddress;

/**
 * What the capture saw of one handshake.
 *
 * @param clientAddress source of our SYN
 * @param clientPort    source port of our SYN
 * @param synSentAtMicros capture time of the SYN that the answer belongs to
 * @param syn           options of our SYN
 * @param synAck        options of the SYN-ACK, null when none was seen
 * @param reset         an RST answered the SYN
 * @param rttMicros     SYN to SYN-ACK (or RST) by capture timestamps; null without an answer
 * @param synCount      SYNs seen (more than one: retransmissions)
 */
record WireHandshake(InetAddress clientAddress, int clientPort, long synSentAtMicros, TcpOptions syn,
                     TcpOptions synAck, boolean reset, Long rttMicros, int synCount) {
}
