package io.pmtuwatch.diagnosis.internals;

import io.pmtuwatch.diagnosis.IpVersionRules;
import io.pmtuwatch.schemas.HopObservation;
import io.pmtuwatch.schemas.HopOutcome;
import java.util.Optional;

/**
 * Decides whether a packet-too-big may lower a PMTU. The producer already validates PTBs against
 * the probe they quote and marks rejects with {@code invalidReason}; this checks again what the
 * record alone can prove impossible, because a passive sensor or an older producer may not have.
 */
public final class PtbValidator {

    private PtbValidator() {
    }

    public static boolean isPtb(HopObservation observation) {
        return observation.getOutcome() == HopOutcome.PACKET_TOO_BIG;
    }

    /** Empty when the PTB is usable; otherwise why it is ignored. Only call for PTB observations. */
    public static Optional<String> rejection(HopObservation ptb, IpVersionRules rules) {
        if (ptb.getInvalidReason() != null) {
            return Optional.of(ptb.getInvalidReason());
        }
        Integer mtu = ptb.getReportedMtu();
        if (mtu == null || mtu == 0) {
            return Optional.of("no next-hop MTU in the packet-too-big");
        }
        if (mtu < rules.minimumPtbMtu) {
            return Optional.of(rules.label + " MTU " + mtu + " below the minimum " + rules.minimumPtbMtu);
        }
        // Size 0: the refused size is unknown (a quoted offload super-segment), nothing to compare.
        if (ptb.getProbeSize() > 0 && mtu >= ptb.getProbeSize()) {
            // A router cannot refuse a packet that fits the MTU it reports: stale or forged.
            return Optional.of("MTU " + mtu + " not smaller than the " + ptb.getProbeSize() + "-byte probe");
        }
        if (ptb.getResponder() == null) {
            return Optional.of("no sender address: the reporting router cannot be named or checked");
        }
        return Optional.empty();
    }
}
