package io.pmtuwatch.stream.topology.internals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pmtuwatch.schemas.HandshakeObservation;
import io.pmtuwatch.schemas.HopObservation;
import io.pmtuwatch.schemas.serde.AvroSerdes;
import io.pmtuwatch.stream.ObservationFixtures;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;

class ReceivedSerdeTest {

    private final Serde<HopObservation> hops = AvroSerdes.serde(HopObservation.class);
    private final Serde<Received<HopObservation>> received = ReceivedSerde.of(hops);

    @Test
    void keepsTheBytesTheObservationWasReadFrom() {
        HopObservation hop = ObservationFixtures.hopsThrough1400Link("r", Instant.EPOCH).get(0);
        byte[] bytes = hops.serializer().serialize("t", hop);

        Received<HopObservation> read = received.deserializer().deserialize("t", bytes);

        assertThat(read.value()).isEqualTo(hop);
        assertThat(read.encoded()).isSameAs(bytes);
        assertThat(Received.valueOf(read)).isEqualTo(hop);
        assertThat(Received.valueOf(hop)).as("an observation without bytes").isSameAs(hop);
        assertThat(Received.encodedOf(hop)).isNull();
    }

    @Test
    void aRecordThatDoesNotDecodeFailsAsWithThePlainSerde() {
        byte[] garbage = {(byte) 0xc3, 0x01, 1, 2, 3, 4, 5, 6, 7, 8, 9};
        Throwable plain = org.assertj.core.api.Assertions.catchThrowable(() -> hops.deserializer().deserialize("t", garbage));

        assertThat(plain).isNotNull();
        assertThatThrownBy(() -> received.deserializer().deserialize("t", garbage))
                .isExactlyInstanceOf(plain.getClass()).hasMessage(plain.getMessage());
        assertThat(received.deserializer().deserialize("t", null)).as("a tombstone").isNull();
    }

    @Test
    void aRunKeptFromTheReceivedBytesReadsBackFromTheStore() {
        List<HopObservation> run = ObservationFixtures.hopsThrough1400Link("r", Instant.EPOCH);
        HandshakeObservation handshake = ObservationFixtures.handshake("r", Instant.EPOCH);
        byte[] handshakeBytes = AvroSerdes.serializer(HandshakeObservation.class).serialize("t", handshake);
        RunProgress progress = RunProgress.open(5);
        for (HopObservation hop : run) {
            progress.addSequence(hop.getSequence());
            Received<HopObservation> read = received.deserializer().deserialize("t", hops.serializer().serialize("t", hop));
            progress.hop(read.value(), read.encoded());
        }
        progress.handshake(handshake, handshakeBytes);

        RunProgressSerde serde = new RunProgressSerde();
        RunProgress back = serde.deserializer().deserialize("t", serde.serializer().serialize("t", progress));

        assertThat(back.hops()).isEqualTo(run);
        assertThat(back.handshakeOrNull()).isEqualTo(handshake);
    }

    @Test
    void aRunOpenedHereIsDiagnosedWithTheHandshakeItReadAndAStoredOneWithTheDecodedBytes() {
        Serde<HandshakeObservation> handshakes = AvroSerdes.serde(HandshakeObservation.class);
        HandshakeObservation sent = ObservationFixtures.handshake("r", Instant.EPOCH);
        byte[] bytes = handshakes.serializer().serialize("t", sent);
        HandshakeObservation read = handshakes.deserializer().deserialize("t", bytes);
        RunProgress progress = RunProgress.open(5);
        progress.handshake(read, bytes);

        assertThat(progress.handshakeOrNull()).as("not decoded again").isSameAs(read);
        assertThat(progress.copy().handshakeOrNull()).as("a copy, to change").isSameAs(read);
        RunProgressSerde serde = new RunProgressSerde();
        RunProgress stored = serde.deserializer().deserialize("t", serde.serializer().serialize("t", progress));
        assertThat(stored.handshakeOrNull()).isEqualTo(read).isNotSameAs(read);
        assertThat(RunProgress.open(5).handshakeOrNull()).isNull();
    }
}
