package io.pmtuwatch.probe.handshake;

import io.pmtuwatch.schemas.HandshakeOutcome;
import io.pmtuwatch.schemas.MssMethod;
import java.net.InetAddress;
import java.time.Instant;

/**
 * One measured TCP handshake. Nullable fields are null when not measured.
 *
 * @param outcome           ESTABLISHED, REFUSED, TIMEOUT or ERROR
 * @param method            PCAP (options read from the wire), TCP_INFO (kernel view) or UNKNOWN (nothing measured)
 * @param clientAddress     our source address
 * @param clientPort        our source port
 * @param serverAddress     the target address
 * @param serverPort        the target port
 * @param mssSent           MSS our SYN advertised
 * @param mssReceived       PCAP: the SYN-ACK's MSS option; TCP_INFO: min(that option, kernel PMTU - headers)
 * @param windowScaleSent   our window scale shift
 * @param windowScaleReceived the server's window scale shift
 * @param sackPermittedSent SACK-permitted in our SYN
 * @param sackPermittedReceived SACK-permitted in the SYN-ACK
 * @param timestampsSent    timestamps in our SYN
 * @param timestampsReceived timestamps in the SYN-ACK
 * @param rttMicros         SYN to SYN-ACK (PCAP: capture timestamps; TCP_INFO: around connect())
 * @param error             reason for ERROR (and notes such as a failed capture)
 * @param kernel            TCP_INFO of the socket once connected
 * @param localMtu          MTU of the egress interface
 * @param interfaceName     the egress interface
 * @param startedAt         when the SYN was sent
 * @param interpretation    what the MSS values mean, in words, for people and logs
 */
public record HandshakeResult(HandshakeOutcome outcome, MssMethod method, InetAddress clientAddress,
                              Integer clientPort, InetAddress serverAddress, int serverPort, Integer mssSent,
                              Integer mssReceived, Integer windowScaleSent, Integer windowScaleReceived,
                              Boolean sackPermittedSent, Boolean sackPermittedReceived, Boolean timestampsSent,
                              Boolean timestampsReceived, Long rttMicros, String error, TcpInfo kernel,
                              Integer localMtu, String interfaceName, Instant startedAt, String interpretation) {

    /**
     * True when our kernel used a PMTU below the interface MTU for this destination (a route
     * exception learned from an earlier packet-too-big): our SYN then advertised that PMTU minus
     * headers, not what a host with this interface MTU would send.
     */
    public boolean synMssReflectsLearnedPmtu() {
        return kernel != null && localMtu != null && kernel.pmtu() > 0 && kernel.pmtu() < localMtu;
    }

    /** Effective MSS: the smaller of what both sides advertised; null when either is unknown. */
    public Integer effectiveMss() {
        return mssSent == null || mssReceived == null ? null : Math.min(mssSent, mssReceived);
    }
}
