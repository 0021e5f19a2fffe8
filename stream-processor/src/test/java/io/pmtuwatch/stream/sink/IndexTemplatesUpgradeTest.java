package io.pmtuwatch.stream.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.Refresh;
import io.pmtuwatch.testsupport.ElasticsearchHarness;
import java.io.StringReader;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * An index created by an earlier release (strict mapping, without a field added since) accepts the
 * new field once the templates are installed again, as the upgraded sink does at start; without
 * that every document of the new sink would be refused.
 */
class IndexTemplatesUpgradeTest {

    @Test
    void installingTheTemplatesAddsNewFieldsToExistingIndices() throws Exception {
        ElasticsearchClient client = ElasticsearchClients.create(ElasticsearchHarness.shared().httpUrl());
        String suffix = Long.toString(System.nanoTime(), 36);
        String template = "pmtu-legacy-" + suffix;
        String index = "pmtu-paths-legacy-" + suffix;
        // The earlier release's mapping: a template of higher priority wins over today's for this index.
        client.indices().putIndexTemplate(b -> b.name(template).withJson(new StringReader("""
                {"index_patterns": ["%s"], "priority": 1000, "template": {
                  "settings": {"number_of_replicas": 0},
                  "mappings": {"dynamic": "strict", "properties": {
                    "@timestamp": {"type": "date"},
                    "pmtu": {"properties": {"path_id": {"type": "keyword"}}}}}}}""".formatted(index))));
        try {
            client.indices().create(b -> b.index(index));
            Map<String, Object> document = Map.of("@timestamp", "2026-11-24T10:00:00Z",
                    "pmtu", Map.of("path_id", "a|b", "status_since", "2026-11-24T09:00:00Z"));
            assertThatThrownBy(() -> client.index(b -> b.index(index).id("a|b").document(document)))
                    .as("the legacy index refuses the new field").isInstanceOf(ElasticsearchException.class)
                    .hasMessageContaining("strict");

            IndexTemplates.install(client);

            client.index(b -> b.index(index).id("a|b").document(document).refresh(Refresh.True));
            var mapping = client.indices().getMapping(b -> b.index(index)).get(index).mappings();
            assertThat(mapping.properties().get("pmtu").object().properties().get("status_since").isDate()).isTrue();
        } finally {
            client.indices().delete(b -> b.index(index).ignoreUnavailable(true));
            client.indices().deleteIndexTemplate(b -> b.name(template));
        }
    }
}
