package io.pmtuwatch.stream.sink;

import co.elastic.clients.elasticsearch.ElasticsearchClient;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * Installs the component templates (shared settings, ECS fields, one per index kind) and the index
 * templates that compose them. Idempotent: a PUT of the same template replaces it, so the sink runs
 * this at every start and the setup command runs it too. Existing indices keep their mappings; new
 * fields in a template reach an index when it is created (or via a re-index), as always in Elasticsearch.
 */
public final class IndexTemplates {

    public static final String DIAGNOSES_INDEX = "pmtu-diagnoses";

    static final List<String> COMPONENTS = List.of("pmtu-settings", "pmtu-ecs", "pmtu-diagnoses-mappings",
            "pmtu-mtu-drops-mappings", "pmtu-anomalies-mappings", "pmtu-links-mappings", "pmtu-paths-mappings");
    static final List<String> INDEX_TEMPLATES = List.of("pmtu-diagnoses", "pmtu-mtu-drops", "pmtu-anomalies",
            "pmtu-links", "pmtu-paths");

    private IndexTemplates() {
    }

    public static void install(ElasticsearchClient client) throws IOException {
        // Components first: an index template may only name components that exist.
        for (String name : COMPONENTS) {
            try (InputStream json = resource("/elasticsearch/component/" + name + ".json")) {
                client.cluster().putComponentTemplate(b -> b.name(name).withJson(json));
            }
        }
        for (String name : INDEX_TEMPLATES) {
            try (InputStream json = resource("/elasticsearch/index/" + name + ".json")) {
                client.indices().putIndexTemplate(b -> b.name(name).withJson(json));
            }
        }
    }

    static InputStream resource(String path) throws IOException {
        InputStream in = IndexTemplates.class.getResourceAsStream(path);
        if (in == null) {
            throw new IOException("missing resource " + path + " (a broken build?)");
        }
        return in;
    }
}
