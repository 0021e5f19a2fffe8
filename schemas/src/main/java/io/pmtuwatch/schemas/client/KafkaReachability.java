package io.pmtuwatch.schemas.client;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/** A {@link DependencyWait.Check} for Kafka: the cluster answers a describe-cluster within a few seconds. */
public final class KafkaReachability {

    /** What to check when Kafka does not answer, in words for an operator. */
    public static final String ADVICE = "check that the brokers are running and reachable from here, and the "
            + "bootstrap servers and client security settings";

    private KafkaReachability() {
    }

    public static DependencyWait.Check check(String bootstrapServers, Map<String, ?> clientConfig) {
        return () -> {
            Map<String, Object> props = new HashMap<>(clientConfig);
            props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
            props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
            props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5_000);
            props.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1_000);
            Admin admin = Admin.create(props);
            try {
                admin.describeCluster().nodes().get(6, TimeUnit.SECONDS);
            } finally {
                admin.close(Duration.ofSeconds(2));
            }
        };
    }
}
