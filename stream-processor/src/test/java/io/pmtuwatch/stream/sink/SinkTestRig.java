package io.pmtuwatch.stream.sink;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import io.pmtuwatch.schemas.AnomalyWindow;
import io.pmtuwatch.schemas.LinkMtu;
import io.pmtuwatch.schemas.PathDiagnosis;
import io.pmtuwatch.schemas.serde.AvroSerdes;
import io.pmtuwatch.stream.sink.pipeline.ElasticsearchSink;
import io.pmtuwatch.stream.sink.pipeline.SinkKafkaClients;
import io.pmtuwatch.stream.sink.pipeline.SinkSettings;
import io.pmtuwatch.testsupport.ElasticsearchHarness;
import io.pmtuwatch.embedded.KafkaHarness;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsResult;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * One isolated sink set-up on the shared Kafka and Elasticsearch: its own topics, indices (a
 * suffix the templates still match) and consumer group, a producer for each record type, and the
 * sink running on its own thread.
 */
public final class SinkTestRig implements AutoCloseable {

    public final String suffix = "-t" + Long.toString(System.nanoTime(), 36);
    public final SinkTopics topics = new SinkTopics("pmtu.diagnoses" + suffix, "pmtu.anomalies" + suffix,
            "pmtu.links" + suffix, "pmtu.dead-letter" + suffix);
    public final SinkIndices indices = SinkIndices.withSuffix(suffix);
    public final String groupId = "sink" + suffix;
    public final KafkaHarness kafka = KafkaHarness.shared();
    public final ElasticsearchClient elasticsearch = ElasticsearchHarness.shared().client();

    private final KafkaProducer<String, byte[]> producer;
    private final ExecutorService executor = Executors.newSingleThreadExecutor();
    private ElasticsearchSink sink;
    private Future<?> running;

    public SinkTestRig(int partitions) throws IOException {
        for (String topic : List.of(topics.diagnoses(), topics.anomalies(), topics.links(), topics.deadLetter())) {
            kafka.createTopic(topic, partitions);
        }
        IndexTemplates.install(elasticsearch);
        Map<String, Object> props = new HashMap<>(kafka.clientConfig());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
    }

    /** Starts the sink against the given Elasticsearch client (the shared one, or one through a proxy). */
    public ElasticsearchSink startSink(ElasticsearchClient client, SinkSettings settings) {
        sink = new ElasticsearchSink(SinkKafkaClients.consumer(kafka.clientConfig(), groupId),
                SinkKafkaClients.deadLetterProducer(kafka.clientConfig()), client,
                SinkRoutes.standard(topics, indices), topics.deadLetter(), settings);
        running = executor.submit(sink);
        return sink;
    }

    public ElasticsearchSink sink() {
        return sink;
    }

    public void send(PathDiagnosis d) {
        sendRaw(topics.diagnoses(), d.getPathId(), AvroSerdes.serializer(PathDiagnosis.class).serialize(topics.diagnoses(), d));
    }

    public void send(AnomalyWindow w) {
        sendRaw(topics.anomalies(), w.getSubject(), AvroSerdes.serializer(AnomalyWindow.class).serialize(topics.anomalies(), w));
    }

    public void send(LinkMtu l) {
        sendRaw(topics.links(), l.getLinkId(), AvroSerdes.serializer(LinkMtu.class).serialize(topics.links(), l));
    }

    public void sendRaw(String topic, String key, byte[] value) {
        producer.send(new ProducerRecord<>(topic, key, value));
    }

    public void flush() {
        producer.flush();
    }

    public long count(String index) throws IOException {
        elasticsearch.indices().refresh(r -> r.index(index).ignoreUnavailable(true));
        if (!elasticsearch.indices().exists(e -> e.index(index)).value()) {
            return 0;
        }
        return elasticsearch.count(c -> c.index(index)).count();
    }

    /** Committed offsets of the sink's group, by partition. */
    public Map<TopicPartition, OffsetAndMetadata> committed() throws Exception {
        ListConsumerGroupOffsetsResult result = kafka.adminClient().listConsumerGroupOffsets(groupId);
        return result.partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
    }

    public long committedTotal(String topic) throws Exception {
        return committed().entrySet().stream().filter(e -> e.getKey().topic().equals(topic) && e.getValue() != null)
                .mapToLong(e -> e.getValue().offset()).sum();
    }

    @Override
    public void close() throws Exception {
        if (sink != null) {
            sink.close();
            running.get(60, TimeUnit.SECONDS);
        }
        executor.shutdownNow();
        producer.close();
    }
}
