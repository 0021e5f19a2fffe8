package io.pmtuwatch.stream.topology.internals;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.junit.jupiter.api.Test;

class EncodeOnceSerdeTest {

    private final AtomicInteger encodings = new AtomicInteger();
    private final Serde<StringBuilder> serde = new EncodeOnceSerde<>(Serdes.serdeFrom(
            (topic, value) -> {
                encodings.incrementAndGet();
                return value.toString().getBytes(StandardCharsets.UTF_8);
            },
            (topic, bytes) -> new StringBuilder(new String(bytes, StandardCharsets.UTF_8))));

    @Test
    void theSecondEncodingOfAnObjectTakesTheFirstOnesBytes() {
        StringBuilder value = new StringBuilder("diagnosis");

        byte[] forTheTopic = serde.serializer().serialize("out", value);
        byte[] forTheStore = serde.serializer().serialize("store", value);

        assertThat(forTheStore).isSameAs(forTheTopic);
        assertThat(encodings).hasValue(1);
    }

    @Test
    void onlyTheNextEncodingIsSparedSoALaterChangeIsEncoded() {
        StringBuilder value = new StringBuilder("before");
        serde.serializer().serialize("out", value);
        serde.serializer().serialize("store", value);

        value.replace(0, value.length(), "after");
        byte[] again = serde.serializer().serialize("out", value);

        assertThat(new String(again, StandardCharsets.UTF_8)).isEqualTo("after");
        assertThat(encodings).hasValue(2);
    }

    @Test
    void theBytesAnObjectWasReadFromStandInForItsNextEncoding() {
        StringBuilder value = new StringBuilder("handshake");
        byte[] read = "handshake".getBytes(StandardCharsets.UTF_8);

        ((EncodeOnceSerde<StringBuilder>) serde).encodedAs(value, read);

        assertThat(serde.serializer().serialize("store", value)).isSameAs(read);
        assertThat(encodings).hasValue(0);
        assertThat(serde.serializer().serialize("store", new StringBuilder("other"))).isNotSameAs(read);
    }

    @Test
    void anotherObjectWithTheSameContentIsEncodedItself() {
        serde.serializer().serialize("out", new StringBuilder("same"));
        byte[] other = serde.serializer().serialize("out", new StringBuilder("same"));

        assertThat(new String(other, StandardCharsets.UTF_8)).isEqualTo("same");
        assertThat(encodings).hasValue(2);
        assertThat(serde.serializer().serialize("out", null)).isNull();
        assertThat(serde.deserializer().deserialize("t", other)).hasToString("same");
    }
}
