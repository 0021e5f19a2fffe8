package io.pmtuwatch.stream.sink;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.util.List;

/**
 * Installs the component templates (shared settings, ECS fields, one per index kind) and the index
 * templates that compose them. Idempotent: a PUT of the same template replaces it, so the sink runs
 * this at every start and the setup command runs it too. The mappings are also put on the indices
 * that already exist, so a field added in a new release (mappings are strict) is accepted by them at
 * once instead of sending every document of the upgraded sink to the dead-letter topic.
 */
public final class IndexTemplates {

    public static final String DIAGNOSES_INDEX = "pmtu-diagnoses";

    static final List<String> COMPONENTS = List.of("pmtu-settings", "pmtu-ecs", "pmtu-diagnoses-mappings",
            "pmtu-mtu-drops-mappings", "pmtu-anomalies-mappings", "pmtu-links-mappings", "pmtu-paths-mappings");
    static final List<String> INDEX_TEMPLATES = List.of("pmtu-diagnoses", "pmtu-mtu-drops", "pmtu-anomalies",
            "pmtu-links", "pmtu-paths");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Logger LOG = LoggerFactory.getLogger(IndexTemplates.class);

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
        for (String name : INDEX_TEMPLATES) {
            // Adding fields to an existing mapping is always allowed; changing one is refused, and
            // no release does that (a changed type needs a new index and a re-index).
            for (String component : List.of("pmtu-ecs", name + "-mappings")) {
                String mappings = mappingsOf(component);
                try {
                    client.indices().putMapping(b -> b.index(name + "*").allowNoIndices(true).ignoreUnavailable(true)
                            .withJson(new StringReader(mappings)));
                } catch (ElasticsearchException e) {
                    // A role without 'manage' on the indices, or someone's own index under the pattern with
                    // other mappings: new indices still get the template; say what old ones may refuse.
                    LOG.warn("Could not add this release's fields to existing {}* indices ({}); documents with new"
                            + " fields may be refused there until the next index is created", name, e.getMessage());
                }
            }
        }
    }

    /** The {@code template.mappings} object of a component template resource, as JSON. */
    static String mappingsOf(String component) throws IOException {
        try (InputStream json = resource("/elasticsearch/component/" + component + ".json")) {
            return JSON.readTree(json).path("template").path("mappings").toString();
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
