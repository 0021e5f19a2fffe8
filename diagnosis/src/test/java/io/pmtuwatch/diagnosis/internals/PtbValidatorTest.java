package io.pmtuwatch.diagnosis.internals;

import static org.assertj.core.api.Assertions.assertThat;

import io.pmtuwatch.diagnosis.IpVersionRules;
import io.pmtuwatch.diagnosis.PathFixture;
import io.pmtuwatch.schemas.HopObservation;
import io.pmtuwatch.schemas.IpVersion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PtbValidatorTest {

    private static HopObservation ptb(IpVersion version, int probeSize, Integer mtu, String responder) {
        return PathFixture.of(version).ptbFrom(responder, 3, probeSize, mtu).observations().get(0);
    }

    @ParameterizedTest(name = "{0} MTU {2} for a {1}-byte probe: valid={3}")
    @CsvSource({
        "IPV6, 1500, 1280, true",
        "IPV6, 1500, 1279, false",
        "IPV4, 1500, 68, true",
        "IPV4, 1500, 67, false",
        "IPV4, 1500, 1499, true",
        "IPV4, 1500, 1500, false",
        "IPV4, 1400, 1450, false",
        "IPV4, 1500, 0, false",
    })
    void rejectsWhatNoHonestRouterCanSend(IpVersion version, int probeSize, int mtu, boolean valid) {
        HopObservation observation = ptb(version, probeSize, mtu, "10.0.0.1");

        assertThat(PtbValidator.rejection(observation, IpVersionRules.of(version)).isEmpty()).isEqualTo(valid);
    }

    @Test
    void keepsTheProducersRejectionReason() {
        HopObservation flagged = HopObservation.newBuilder(ptb(IpVersion.IPV4, 1500, 1400, "10.0.0.1"))
                .setInvalidReason("quoted probe id does not match").build();

        assertThat(PtbValidator.rejection(flagged, IpVersionRules.IPV4)).contains("quoted probe id does not match");
    }

    @Test
    void rejectsAPtbWithoutMtuOrSender() {
        assertThat(PtbValidator.rejection(ptb(IpVersion.IPV4, 1500, null, "10.0.0.1"), IpVersionRules.IPV4))
                .isPresent();
        assertThat(PtbValidator.rejection(ptb(IpVersion.IPV4, 1500, 1400, null), IpVersionRules.IPV4)).isPresent();
    }
}
