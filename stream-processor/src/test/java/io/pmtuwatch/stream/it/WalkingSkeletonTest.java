package io.pmtuwatch.stream.it;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.core.GetResponse;
import co.elastic.clients.elasticsearch.indices.GetMappingResponse;
import com.fasterxml.jackson.databind.JsonNode;
import io.pmtuwatch.schemas.FindingCode;
import io.pmtuwatch.schemas.HandshakeObservation;
import io.pmtuwatch.schemas.HopObservation;
import io.pmtuwatch.schemas.PathDiagnosis;
import io.pmtuwatch.schemas.Topics;
import io.pmtuwatch.schemas.serde.AvroSerdes;
import io.pmtuwatch.stream.DiagnosisRules;
import io.pmtuwatch.stream.ObservationFixtures;
import io.pmtuwatch.stream.config.ProcessorConfig;
import io.pmtuwatch.stream.config.RawConfig;
import io.pmtuwatch.stream.config.Settings;
import io.pmtuwatch.stream.config.TopicNames;
import io.pmtuwatch.stream.sink.DiagnosisDocuments;
import io.pmtuwatch.stream.sink.ElasticsearchClients;
import io.pmtuwatch.stream.sink.IndexTemplates;
import io.pmtuwatch.stream.sink.SinkIndices;
import io.pmtuwatch.stream.sink.SinkRoutes;
import io.pmtuwatch.stream.sink.pipeline.ElasticsearchSink;
import io.pmtuwatch.stream.sink.pipeline.SinkKafkaClients;
import io.pmtuwatch.stream.sink.pipeline.SinkSettings;
import io.pmtuwatch.stream.app.ProcessorInstance;
import io.pmtuwatch.testsupport.ElasticsearchHarness;
import io.pmtuwatch.embedded.KafkaHarness;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static io.pmtuwatch.stream.ObservationFixtures.PATH_ID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The whole wiring through real parts: observations of one probe run go to the in-process Kafka
 * broker, the exactly-once topology diagnoses them, the sink writes the diagnosis into the real
 * Elasticsearch, and we read the document back.
 */
class WalkingSkeletonTest {

    @TempDir
    Path stateDir;

    @Test
    void aProbeRunBecomesADiagnosisInKafkaAndADocumentInElasticsearch() throws Exception {
        KafkaHarness kafka = KafkaHarness.shared();
        String suffix = Long.toString(System.nanoTime(), 36);
        ProcessorConfig processor = ProcessorConfig.from(RawConfig.empty()
                .with(Settings.BOOTSTRAP_SERVERS, kafka.bootstrapServers())
                .with(Settings.APPLICATION_ID, "skeleton-" + suffix)
                .with(Settings.STATE_DIR, stateDir.toString())
                .with(Settings.PARTITIONS, "2")
                .with(Settings.QUERY_PORT, "-1")
                .with(Settings.HOP_TOPIC, Topics.HOP_OBSERVATIONS + "." + suffix)
                .with(Settings.HANDSHAKE_TOPIC, Topics.HANDSHAKE_OBSERVATIONS + "." + suffix)
                .with(Settings.DIAGNOSES_TOPIC, Topics.DIAGNOSES + "." + suffix)
                .with(Settings.ANOMALIES_TOPIC, Topics.ANOMALIES + "." + suffix)
                .with(Settings.LINKS_TOPIC, Topics.LINKS + "." + suffix)
                .with(Settings.DEAD_LETTER_TOPIC, Topics.DEAD_LETTER + "." + suffix));
        TopicNames config = processor.topology().topics();

        String runId = "run-" + suffix;
        Instant start = Instant.now();
        try (ProcessorInstance instance = ProcessorInstance.start(processor, DiagnosisRules.standard())) {
            publishRun(kafka, config, runId, start);

            PathDiagnosis diagnosis = readOneDiagnosis(kafka, config.diagnoses());
            assertThat(diagnosis.getPathId()).isEqualTo(PATH_ID);
            assertThat(diagnosis.getRunId()).isEqualTo(runId);
            assertThat(diagnosis.getPmtu()).isEqualTo(1400);
            assertThat(diagnosis.getMss().getSent()).isEqualTo(1460);
            assertThat(diagnosis.getMss().getEffective()).isEqualTo(1360);
            assertThat(diagnosis.getFindings()).extracting(f -> f.getCode()).contains(FindingCode.OVERSIZED_MSS);

            sinkAndCheckElasticsearch(kafka, config.diagnoses(), diagnosis);
        }
    }

    private static void publishRun(KafkaHarness kafka, TopicNames config, String runId, Instant start) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        try (KafkaProducer<String, HandshakeObservation> handshakes = new KafkaProducer<>(props, new StringSerializer(),
                AvroSerdes.serializer(HandshakeObservation.class));
             KafkaProducer<String, HopObservation> hops = new KafkaProducer<>(props, new StringSerializer(),
                     AvroSerdes.serializer(HopObservation.class))) {
            handshakes.send(new ProducerRecord<>(config.handshakeObservations(), PATH_ID,
                    ObservationFixtures.handshake(runId, start)));
            for (HopObservation hop : ObservationFixtures.hopsThrough1400Link(runId, start)) {
                hops.send(new ProducerRecord<>(config.hopObservations(), PATH_ID, hop));
            }
        }
    }

    private static PathDiagnosis readOneDiagnosis(KafkaHarness kafka, String topic) {
        try (KafkaConsumer<String, PathDiagnosis> consumer = new KafkaConsumer<>(consumerProps(kafka, "reader"),
                new StringDeserializer(), AvroSerdes.deserializer(PathDiagnosis.class))) {
            consumer.subscribe(List.of(topic));
            List<ConsumerRecord<String, PathDiagnosis>> seen = new ArrayList<>();
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
                return !seen.isEmpty();
            });
            assertThat(seen).hasSize(1);
            assertThat(seen.get(0).key()).isEqualTo(PATH_ID);
            return seen.get(0).value();
        }
    }

    private static void sinkAndCheckElasticsearch(KafkaHarness kafka, String topic, PathDiagnosis expected)
            throws Exception {
        ElasticsearchClient client = ElasticsearchClients.create(ElasticsearchHarness.shared().httpUrl());
        IndexTemplates.install(client);
        SinkIndices indices = SinkIndices.withSuffix("-skeleton-" + System.nanoTime());
        String index = indices.diagnoses();
        ExecutorService executor = Executors.newSingleThreadExecutor();
        try (ElasticsearchSink sink = new ElasticsearchSink(
                SinkKafkaClients.consumer(kafka.clientConfig(), "sink-" + System.nanoTime()),
                SinkKafkaClients.deadLetterProducer(kafka.clientConfig()), client,
                SinkRoutes.diagnosesOnly(topic, indices), Topics.DEAD_LETTER + ".skeleton", SinkSettings.defaults())) {
            executor.submit(sink);
            String id = DiagnosisDocuments.id(expected);
            GetResponse<JsonNode> doc = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                    .until(() -> client.get(g -> g.index(index).id(id), JsonNode.class), GetResponse::found);
            JsonNode source = doc.source();
            assertThat(source.at("/pmtu/pmtu").asInt()).isEqualTo(1400);
            assertThat(source.at("/pmtu/mss/effective").asInt()).isEqualTo(1360);
            assertThat(source.at("/destination/ip").asText()).isEqualTo("10.9.3.2");
            assertThat(source.at("/observer/id").asText()).isEqualTo("lab-agent");
            assertThat(source.at("/pmtu/finding_codes").toString()).contains("OVERSIZED_MSS");
            assertThat(source.at("/pmtu/mtu_drops/0/router").asText()).isEqualTo("10.9.2.1");

            GetMappingResponse mapping = client.indices().getMapping(m -> m.index(index));
            var properties = mapping.result().get(index).mappings().properties();
            assertThat(properties.get("destination").object().properties().get("ip").isIp())
                    .as("target addresses are mapped as ip").isTrue();
            assertThat(properties.get("pmtu").object().properties().get("pmtu").isInteger()).isTrue();
        } finally {
            executor.shutdown();
            assertThat(executor.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        }
    }

    private static Properties consumerProps(KafkaHarness kafka, String group) {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, group + "-" + System.nanoTime());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        Properties props = new Properties();
        props.putAll(config);
        return props;
    }
}
