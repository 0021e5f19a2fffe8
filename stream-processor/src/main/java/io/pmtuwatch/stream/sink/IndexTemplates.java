package io.pmtuwatch.stream.sink;

import co.elastic.clients.elasticsearch.ElasticsearchClient;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Installs our index templates; idempotent (a PUT of the same template replaces it). */
public final class IndexTemplates {

    public static final String DIAGNOSES_INDEX = "pmtu-diagnoses";

    private IndexTemplates() {
    }

    public static void install(ElasticsearchClient client) throws IOException {
        put(client, "pmtu-diagnoses", "/elasticsearch/pmtu-diagnoses-template.json");
    }

    private static void put(ElasticsearchClient client, String name, String resource) throws IOException {
        try (InputStream json = IndexTemplates.class.getResourceAsStream(resource)) {
            if (json == null) {
                throw new UncheckedIOException(new IOException("missing resource " + resource));
            }
            client.indices().putIndexTemplate(b -> b.name(name).withJson(json));
        }
    }
}
