package io.pmtuwatch.probe.capture;

/**
 * Told by a {@link TrafficAnalyzer} as facts become complete, so a live sensor can publish without
 * waiting for the end of a capture. Called on the reading thread.
 */
public interface PassiveListener {

    PassiveListener NONE = new PassiveListener() {
    };

    /** A SYN-ACK answered a SYN seen before (or a SYN went unanswered for too long: see expireSynOnly). */
    default void handshake(FlowSnapshot flow) {
    }

    /** A frag-needed / packet-too-big arrived; {@code flow} is null when its quote names none. */
    default void mtuEvent(FlowSnapshot flow, MtuEvent event) {
    }

    /**
     * A side of {@code flow} proved to ignore packet-too-big (it resent data above the MTU of one it
     * was sent); {@code ptb} is the latest valid packet-too-big of the flow.
     */
    default void ptbIgnored(FlowSnapshot flow, MtuEvent ptb) {
    }
}
