package io.pmtuwatch.probe.handshake;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CaptureCapabilityTest {

    private static String status(String capEff) {
        return "Name:\tjava\nCapInh:\t0000000000000000\nCapPrm:\t000001ffffffffff\nCapEff:\t" + capEff
                + "\nCapBnd:\t000001ffffffffff\n";
    }

    @Test
    void rootHasNetRaw() {
        assertThat(CaptureCapability.mayCapture(status("000001ffffffffff"))).isTrue();
    }

    @Test
    void onlyBit13Counts() {
        assertThat(CaptureCapability.mayCapture(status("0000000000002000"))).isTrue();
        // CAP_NET_ADMIN (12) and CAP_NET_BIND_SERVICE (10) are not enough.
        assertThat(CaptureCapability.mayCapture(status("0000000000001400"))).isFalse();
        assertThat(CaptureCapability.mayCapture(status("0000000000000000"))).isFalse();
    }

    @Test
    void missingOrGarbledLineMeansNo() {
        assertThat(CaptureCapability.mayCapture("Name:\tjava\n")).isFalse();
        assertThat(CaptureCapability.mayCapture(status("zz"))).isFalse();
    }
}
