package io.pmtuwatch.stream.it;

import io.pmtuwatch.embedded.KafkaHarness;
import io.pmtuwatch.schemas.PathDiagnosis;
import io.pmtuwatch.schemas.serde.AvroSerdes;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What an application has committed on a real broker, for the tests that compare a disturbed
 * instance (killed, failed over) with an undisturbed reference: its input offsets and its output as
 * a read_committed consumer sees it.
 */
final class CommittedOutput {

    private CommittedOutput() {
    }

    /** The group's committed input offsets are at the end of the input: its output for all of it is committed. */
    static boolean caughtUp(KafkaHarness kafka, String group, List<TopicPartition> inputs) throws Exception {
        Admin admin = kafka.adminClient();
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata().get();
        var ends = admin.listOffsets(inputs.stream().collect(Collectors.toMap(tp -> tp, tp -> OffsetSpec.latest())))
                .all().get();
        for (TopicPartition tp : inputs) {
            OffsetAndMetadata offset = committed.get(tp);
            long end = ends.get(tp).offset();
            if (end > 0 && (offset == null || offset.offset() < end)) {
                return false;
            }
        }
        return true;
    }

    static long count(KafkaHarness kafka, String topic) {
        return records(kafka, topic).size();
    }

    /** The committed diagnoses of a topic, in path and run order, so two applications' outputs compare equal. */
    static List<PathDiagnosis> diagnoses(KafkaHarness kafka, String topic) {
        var decoder = AvroSerdes.deserializer(PathDiagnosis.class);
        List<PathDiagnosis> out = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record : records(kafka, topic)) {
            out.add(decoder.deserialize(topic, record.value()));
        }
        out.sort(Comparator.comparing(PathDiagnosis::getPathId).thenComparing(d -> String.valueOf(d.getRunId())));
        return out;
    }

    /** Everything committed on a topic, read with read_committed up to the last stable offset. */
    static List<ConsumerRecord<byte[], byte[]>> records(KafkaHarness kafka, String topic) {
        Map<String, Object> props = new HashMap<>(kafka.clientConfig());
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < ends.get(tp))) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("could not read " + topic + " to its end");
                }
                consumer.poll(Duration.ofMillis(200)).forEach(out::add);
            }
        }
        return out;
    }
}
