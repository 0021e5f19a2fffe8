package io.pmtuwatch.stream.topology.internals;

import io.pmtuwatch.schemas.HandshakeObservation;
import io.pmtuwatch.schemas.HopObservation;
import io.pmtuwatch.stream.ObservationFixtures;
import io.pmtuwatch.stream.deadletter.DeadLetterReason;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static io.pmtuwatch.stream.ObservationFixtures.PATH_ID;
import static org.assertj.core.api.Assertions.assertThat;

class ObservationValidatorTest {

    private static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");

    private static HopObservation hop() {
        return HopObservation.newBuilder(ObservationFixtures.hopsThrough1400Link("r", T0).get(1)).build();
    }

    private static DeadLetterReason reason(String key, Object value) {
        return ObservationValidator.validate(key, value).map(Violation::reason).orElse(null);
    }

    @Test
    void realObservationsPass() {
        ObservationFixtures.hopsThrough1400Link("r", T0).forEach(h -> assertThat(reason(PATH_ID, h)).isNull());
        assertThat(reason(PATH_ID, ObservationFixtures.handshake("r", T0))).isNull();
        assertThat(reason(PATH_ID, ObservationFixtures.passivePtb(ObservationFixtures.AGENT, ObservationFixtures.TARGET, T0, 1400)))
                .as("passive: TTL 0 is 'unknown'").isNull();
    }

    @Test
    void wrongButPossibleValuesAreLeftToTheDiagnosis() {
        HopObservation tiny = hop();
        tiny.setReportedMtu(500); // below the IPv6 minimum or a spoof: the diagnosis counts it as an invalid PTB
        assertThat(reason(PATH_ID, tiny)).isNull();
        HopObservation above = hop();
        above.setReportedMtu(9000); // above the probe size: same
        assertThat(reason(PATH_ID, above)).isNull();
    }

    @Test
    void mtuBoundsAreOneTo65535() {
        HopObservation hop = hop();
        hop.setReportedMtu(1);
        assertThat(reason(PATH_ID, hop)).isNull();
        hop.setReportedMtu(65_535);
        assertThat(reason(PATH_ID, hop)).isNull();
        hop.setReportedMtu(0);
        assertThat(reason(PATH_ID, hop)).isEqualTo(DeadLetterReason.INVALID_MTU);
        hop.setReportedMtu(65_536);
        assertThat(reason(PATH_ID, hop)).isEqualTo(DeadLetterReason.INVALID_MTU);
    }

    @Test
    void ttlBoundsDependOnTheOrigin() {
        HopObservation hop = hop();
        hop.setTtl(255);
        assertThat(reason(PATH_ID, hop)).isNull();
        hop.setTtl(0);
        assertThat(reason(PATH_ID, hop)).isEqualTo(DeadLetterReason.INVALID_TTL);
        hop.setRunId(null);
        assertThat(reason(PATH_ID, hop)).as("passive").isNull();
        hop.setTtl(-1);
        assertThat(reason(PATH_ID, hop)).isEqualTo(DeadLetterReason.INVALID_TTL);
    }

    @Test
    void identityMustMatchTheKey() {
        assertThat(reason(null, hop())).isEqualTo(DeadLetterReason.MISSING_PATH_ID);
        assertThat(reason("other", hop())).isEqualTo(DeadLetterReason.KEY_MISMATCH);
        HopObservation blank = hop();
        blank.setPathId(" ");
        assertThat(reason(" ", blank)).isEqualTo(DeadLetterReason.MISSING_PATH_ID);
    }

    @Test
    void sizesAndCountsMustBePossible() {
        HopObservation size = hop();
        size.setProbeSize(-20);
        assertThat(reason(PATH_ID, size)).isEqualTo(DeadLetterReason.INVALID_SIZE);
        HopObservation count = ObservationFixtures.hopsThrough1400Link("r", T0).get(3);
        count.setRunProbeCount(2); // the marker is sequence 3: at least 4 observations
        assertThat(reason(PATH_ID, count)).isEqualTo(DeadLetterReason.INVALID_FIELD);
        HandshakeObservation handshake = ObservationFixtures.handshake("r", T0);
        handshake.setMssSent(-1);
        assertThat(reason(PATH_ID, handshake)).isEqualTo(DeadLetterReason.INVALID_SIZE);
        HandshakeObservation port = ObservationFixtures.handshake("r", T0);
        port.setServerPort(70_000);
        assertThat(reason(PATH_ID, port)).isEqualTo(DeadLetterReason.INVALID_FIELD);
    }

    @Test
    void anythingElseIsTheWrongRecordType() {
        assertThat(reason(PATH_ID, "text")).isEqualTo(DeadLetterReason.DECODE_WRONG_RECORD_TYPE);
    }
}
