package io.pmtuwatch.stream.sink.pipeline;

import io.pmtuwatch.stream.deadletter.DeadLetterHeaders;

import io.pmtuwatch.schemas.PathDiagnosis;
import io.pmtuwatch.schemas.PathIds;
import io.pmtuwatch.schemas.Target;
import io.pmtuwatch.schemas.serde.AvroSerdes;
import io.pmtuwatch.stream.ObservationFixtures;
import io.pmtuwatch.stream.sink.DiagnosisDocuments;
import io.pmtuwatch.stream.sink.SinkFixtures;
import io.pmtuwatch.stream.sink.SinkTestRig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A diagnosis Elasticsearch rejects for good (its target address is not an IP: a mapping conflict
 * with destination.ip) and a record that is not Avro at all go to the dead-letter topic with the
 * reason in headers; the records around them are stored and every offset gets committed.
 */
class DeadLetterTest {

    @Test
    void rejectedAndUndecodableRecordsAreDeadLetteredAndTheSinkKeepsGoing() throws Exception {
        try (SinkTestRig rig = new SinkTestRig(1)) {
            rig.startSink(rig.elasticsearch, SinkSettings.defaults());
            Instant t0 = Instant.parse("2025-11-21T08:00:00Z");
            PathDiagnosis before = SinkFixtures.diagnosis("run-before", t0);
            Target notAnIp = Target.newBuilder(ObservationFixtures.TARGET).setAddress("server.lab").build();
            PathDiagnosis conflicting = PathDiagnosis.newBuilder(SinkFixtures.diagnosis("run-bad", t0.plusSeconds(1)))
                    .setTarget(notAnIp).setPathId(PathIds.of("lab-agent", notAnIp)).build();
            PathDiagnosis after = SinkFixtures.diagnosis("run-after", t0.plusSeconds(2));
            byte[] conflictingBytes = AvroSerdes.serializer(PathDiagnosis.class)
                    .serialize(rig.topics.diagnoses(), conflicting);

            rig.send(before);
            rig.sendRaw(rig.topics.diagnoses(), conflicting.getPathId(), conflictingBytes);
            rig.sendRaw(rig.topics.diagnoses(), "garbage", "not avro at all".getBytes(StandardCharsets.UTF_8));
            rig.send(after);
            rig.flush();

            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                    .until(() -> rig.committedTotal(rig.topics.diagnoses()) == 4);
            assertThat(rig.count(rig.indices.diagnoses())).isEqualTo(2);
            assertThat(rig.elasticsearch.exists(e -> e.index(rig.indices.diagnoses())
                    .id(DiagnosisDocuments.id(after))).value()).as("the record after the bad ones is stored").isTrue();

            // The bad diagnosis had three documents (diagnosis, MTU drop, path status), each rejected.
            List<ConsumerRecord<byte[], byte[]>> letters = readAll(rig, 4);
            List<ConsumerRecord<byte[], byte[]>> rejected = letters.stream()
                    .filter(r -> header(r, DeadLetterHeaders.REASON).equals("ELASTICSEARCH_REJECTED")).toList();
            assertThat(rejected).hasSize(3);
            for (ConsumerRecord<byte[], byte[]> letter : rejected) {
                assertThat(letter.value()).as("the original bytes, replayable").isEqualTo(conflictingBytes);
                assertThat(header(letter, DeadLetterHeaders.STATUS)).isEqualTo("400");
                assertThat(header(letter, DeadLetterHeaders.MESSAGE)).contains("destination.ip");
                assertThat(header(letter, DeadLetterHeaders.EXCEPTION)).containsIgnoringCase("parsing");
                assertThat(header(letter, DeadLetterHeaders.TOPIC)).isEqualTo(rig.topics.diagnoses());
                assertThat(header(letter, DeadLetterHeaders.OFFSET)).isEqualTo("1");
            }
            assertThat(rejected).extracting(r -> header(r, DeadLetterHeaders.INDEX))
                    .containsExactlyInAnyOrder(rig.indices.diagnoses(), rig.indices.mtuDrops(), rig.indices.paths());

            ConsumerRecord<byte[], byte[]> undecodable = letters.stream()
                    .filter(r -> header(r, DeadLetterHeaders.REASON).equals("SINK_UNDECODABLE")).findFirst().orElseThrow();
            assertThat(new String(undecodable.value(), StandardCharsets.UTF_8)).isEqualTo("not avro at all");
            assertThat(header(undecodable, DeadLetterHeaders.OFFSET)).isEqualTo("2");
            assertThat(rig.sink().stats().deadLetters()).isEqualTo(4);
        }
    }

    private static List<ConsumerRecord<byte[], byte[]>> readAll(SinkTestRig rig, int expected) {
        Map<String, Object> props = new HashMap<>(rig.kafka.clientConfig());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "dlq-reader" + rig.suffix);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(rig.topics.deadLetter()));
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(out::add);
                return out.size() >= expected;
            });
            // Nothing beyond the expected letters: one more poll must come back empty.
            assertThat(consumer.poll(Duration.ofSeconds(1)).count()).isZero();
        }
        return out;
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String key) {
        Header header = record.headers().lastHeader(key);
        return header == null ? "" : new String(header.value(), StandardCharsets.UTF_8);
    }
}
