package io.pmtuwatch.diagnosis.internals.findings;

import io.pmtuwatch.diagnosis.internals.MssFigures;

/** How the MSS rules name each end, so that every message says which value it judged. */
final class MssWording {

    private MssWording() {
    }

    static String target(int mss) {
        return "the target advertises MSS " + mss;
    }

    /** Our side: the interface-MTU value when known (and the probe's own SYN when that differs). */
    static String ourSide(MssFigures mss, int ours, int headers) {
        if (mss.capturedHandshake()) {
            return "the client's SYN advertised MSS " + ours;
        }
        if (!mss.ourSideFromInterfaceMtu()) {
            return "this agent's SYN advertised MSS " + ours;
        }
        String probeNote = mss.sent().isPresent() && mss.sent().get() != ours
                ? " (the probe's own SYN said " + mss.sent().get()
                        + ", because its kernel had already learned the path MTU)"
                : "";
        return "a host with this agent's interface MTU of " + (ours + headers) + " advertises MSS " + ours + probeNote;
    }

    static String sentence(String text) {
        return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
