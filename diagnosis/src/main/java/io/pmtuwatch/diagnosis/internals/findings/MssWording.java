package io.pmtuwatch.diagnosis.internals.findings;

import io.pmtuwatch.diagnosis.internals.MssFigures;

/** How the MSS rules name each end, so that every message says which value it judged. */
final class MssWording {

    private MssWording() {
    }

    static String target(int mss) {
        return "the target advertises MSS " + mss;
    }

    /**
     * Our side: the interface-MTU value for an active probe. The probe's own SYN, which a route
     * exception may have lowered, is not named here: the findings describe the path, and the figure
     * stands apart (MssSummary.probeSyn).
     */
    static String ourSide(MssFigures mss, int ours, int headers) {
        if (mss.capturedHandshake()) {
            return "the client's SYN advertised MSS " + ours;
        }
        if (!mss.sentFromInterfaceMtu()) {
            return "this agent's SYN advertised MSS " + ours;
        }
        return "a host with this agent's interface MTU of " + (ours + headers) + " advertises MSS " + ours;
    }

    static String sentence(String text) {
        return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
