package io.pmtuwatch.stream.cli;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import io.pmtuwatch.schemas.PathDiagnosis;
import io.pmtuwatch.schemas.Topics;
import io.pmtuwatch.schemas.serde.AvroSerdes;
import io.pmtuwatch.stream.sink.DiagnosisSink;
import io.pmtuwatch.stream.sink.ElasticsearchClients;
import io.pmtuwatch.stream.sink.IndexTemplates;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.Properties;
import java.util.concurrent.Callable;

@Command(name = "sink", mixinStandardHelpOptions = true,
        description = "Copy diagnoses from Kafka into Elasticsearch (at-least-once, deterministic ids: no duplicates).")
final class SinkCommand implements Callable<Integer> {

    private static final Logger log = LoggerFactory.getLogger(SinkCommand.class);

    @Option(names = "--bootstrap-servers", defaultValue = "${env:KAFKA_BOOTSTRAP_SERVERS:-localhost:9092}",
            description = "Kafka bootstrap servers (env KAFKA_BOOTSTRAP_SERVERS). Default: ${DEFAULT-VALUE}")
    String bootstrapServers;

    @Option(names = "--elasticsearch", defaultValue = "${env:ELASTICSEARCH_URL:-http://localhost:9200}",
            description = "Elasticsearch URL (env ELASTICSEARCH_URL). Default: ${DEFAULT-VALUE}")
    String elasticsearchUrl;

    @Option(names = "--group-id", defaultValue = "${env:PMTU_SINK_GROUP_ID:-pmtu-elasticsearch-sink}",
            description = "Kafka consumer group (env PMTU_SINK_GROUP_ID). Default: ${DEFAULT-VALUE}")
    String groupId;

    @Override
    public Integer call() throws Exception {
        ElasticsearchClient client = ElasticsearchClients.create(elasticsearchUrl);
        IndexTemplates.install(client);
        try (DiagnosisSink sink = new DiagnosisSink(consumer(bootstrapServers, groupId), client,
                IndexTemplates.DIAGNOSES_INDEX, Topics.DIAGNOSES)) {
            Runtime.getRuntime().addShutdownHook(new Thread(sink::close, "shutdown"));
            log.info("Sinking {} into {}", Topics.DIAGNOSES, elasticsearchUrl);
            sink.run();
        }
        return 0;
    }

    static KafkaConsumer<String, PathDiagnosis> consumer(String bootstrapServers, String groupId) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        return new KafkaConsumer<>(props, new StringDeserializer(), AvroSerdes.serde(PathDiagnosis.class).deserializer());
    }
}
