package io.pmtuwatch.examples;

import io.pmtuwatch.schemas.PathDiagnosis;
import io.pmtuwatch.schemas.Topics;
import io.pmtuwatch.schemas.serde.AvroSerdes;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.util.List;
import java.util.Properties;

/**
 * A downstream service reading pmtu.diagnoses: all it needs is the {@code schemas} artifact
 * (io.pmtuwatch:schemas) and kafka-clients. Shown in the README; compiled with the build so it
 * stays true. Run: {@code java -cp 'demo/target/demo-0.1.0-SNAPSHOT.jar:demo/target/lib/*'
 * io.pmtuwatch.examples.DiagnosesSubscriber localhost:9092}
 */
public final class DiagnosesSubscriber {

    public static void main(String[] args) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, args.length > 0 ? args[0] : "localhost:9092");
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "my-service");
        // The topology writes exactly-once: read committed records only.
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        try (KafkaConsumer<String, PathDiagnosis> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                AvroSerdes.deserializer(PathDiagnosis.class))) {
            consumer.subscribe(List.of(Topics.DIAGNOSES));
            while (true) {
                for (ConsumerRecord<String, PathDiagnosis> record : consumer.poll(Duration.ofSeconds(1))) {
                    PathDiagnosis d = record.value();
                    System.out.printf("%s: PMTU %s, effective MSS %s, %s%n", record.key(), d.getPmtu(),
                            d.getMss().getEffective(), d.getStatus());
                    d.getFindings().forEach(f -> System.out.printf("  %s %s%n", f.getCode(), f.getFix()));
                }
            }
        }
    }
}
