package io.pmtuwatch.stream.topology.internals;

import static org.assertj.core.api.Assertions.assertThat;

import io.pmtuwatch.schemas.Transport;
import java.util.BitSet;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class RunProgressSerdeTest {

    private final RunProgressSerde serde = new RunProgressSerde();

    /**
     * A record as version 2 (transport stored by position) wrote it: marker 7, announced 12, TCP
     * (position 1), first/last/finished/deadline 1000/2000/3000/4000, sequences {0, 1, 3}, no handshake.
     */
    private static final String VERSION_2_TCP =
            "02000000070000000c0100000000000003e800000000000007d00000000000000bb80000000000000fa0000000010bffffffff";

    @Test
    void readsStateWrittenByThePreviousFormat() {
        RunProgress run = serde.deserializer().deserialize("t", HexFormat.of().parseHex(VERSION_2_TCP));

        assertThat(run.markerSequence()).isEqualTo(7);
        assertThat(run.announcedCount()).isEqualTo(12);
        assertThat(run.transportOrNull()).isEqualTo(Transport.TCP);
        assertThat(run.firstSeenWallMs()).isEqualTo(1000);
        assertThat(run.lastSeenWallMs()).isEqualTo(2000);
        assertThat(run.finishedAtWallMs()).isEqualTo(3000);
        assertThat(run.deadlineMs()).isEqualTo(4000);
        assertThat(run.sequences()).isEqualTo(BitSet.valueOf(new byte[] {0b1011}));
        assertThat(run.handshakeBytes()).isNull();
    }

    @Test
    void storesTheTransportByNameNotPosition() {
        RunProgress run = new RunProgress(BitSet.valueOf(new byte[] {0b101}), 4, 9, Transport.ICMP,
                new byte[] {1, 2, 3}, 10, 20, 30, 40);

        byte[] bytes = serde.serializer().serialize("t", run);
        RunProgress back = serde.deserializer().deserialize("t", bytes);

        assertThat(new String(bytes, java.nio.charset.StandardCharsets.US_ASCII)).contains("ICMP");
        assertThat(back.transportOrNull()).isEqualTo(Transport.ICMP);
        assertThat(back.markerSequence()).isEqualTo(4);
        assertThat(back.announcedCount()).isEqualTo(9);
        assertThat(back.sequences()).isEqualTo(run.sequences());
        assertThat(back.handshakeBytes()).containsExactly(1, 2, 3);
        assertThat(back.deadlineMs()).isEqualTo(40);
    }

    @Test
    void roundTripsARunWithoutTransport() {
        RunProgress back = serde.deserializer().deserialize("t", serde.serializer().serialize("t", RunProgress.open(5)));

        assertThat(back.transportOrNull()).isNull();
        assertThat(back.firstSeenWallMs()).isEqualTo(5);
    }

    /** Version 3 (transport by name, no hops, no record times): marker 0, announced 1, TCP, first/last 10/20, open, sequences {0}. */
    private static final String VERSION_3_TCP =
            "03000000000000000103544350000000000000000a0000000000000014ffffffffffffffffffffffffffffffff0000000101ffffffff";

    @Test
    void readsVersion3StateWithoutHopsOrRecordTimes() {
        RunProgress run = serde.deserializer().deserialize("t", HexFormat.of().parseHex(VERSION_3_TCP));

        assertThat(run.transportOrNull()).isEqualTo(Transport.TCP);
        assertThat(run.hopCount()).isEqualTo(1);
        assertThat(run.hops()).as("kept apart by the older build").isEmpty();
        assertThat(run.firstInputMs()).isEqualTo(RunProgress.NONE);
        assertThat(run.lastInputMs()).isEqualTo(RunProgress.NONE);
    }

    @Test
    void keepsTheHopsAndTheRecordTimesOfTheRun() {
        RunProgress run = RunProgress.open(5);
        var hops = io.pmtuwatch.stream.ObservationFixtures.hopsThrough1400Link("r", java.time.Instant.EPOCH);
        for (int i = hops.size() - 1; i >= 0; i--) { // arrival out of order
            run.addSequence(hops.get(i).getSequence());
            run.hop(hops.get(i));
        }
        run.input(2_000);
        run.input(1_000);

        RunProgress back = serde.deserializer().deserialize("t", serde.serializer().serialize("t", run));

        assertThat(back.hops()).as("in sequence order").isEqualTo(hops);
        assertThat(back.firstInputMs()).isEqualTo(1_000);
        assertThat(back.lastInputMs()).isEqualTo(2_000);
    }
}
