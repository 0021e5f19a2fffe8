package io.pmtuwatch.stream.cli;

import io.pmtuwatch.stream.sink.ElasticsearchSettings;
import picocli.CommandLine.Option;

/** Elasticsearch connection options shared by the sink, setup and bench commands. */
final class ElasticsearchOptions {

    @Option(names = "--elasticsearch", defaultValue = "${env:ELASTICSEARCH_URL:-http://localhost:9200}",
            description = "Elasticsearch URL(s), comma-separated (env ELASTICSEARCH_URL). Default: ${DEFAULT-VALUE}")
    String urls;

    @Option(names = "--es-api-key", defaultValue = "${env:ELASTICSEARCH_API_KEY}",
            description = "Encoded API key (env ELASTICSEARCH_API_KEY).")
    String apiKey;

    @Option(names = "--es-username", defaultValue = "${env:ELASTICSEARCH_USERNAME}",
            description = "Basic-auth user (env ELASTICSEARCH_USERNAME).")
    String username;

    @Option(names = "--es-password", defaultValue = "${env:ELASTICSEARCH_PASSWORD}",
            description = "Basic-auth password (env ELASTICSEARCH_PASSWORD; prefer the variable to the option).")
    String password;

    @Option(names = "--es-ca-file", defaultValue = "${env:ELASTICSEARCH_CA_FILE}",
            description = "PEM CA certificate to trust for https (env ELASTICSEARCH_CA_FILE).")
    String caFile;

    /** @throws IllegalArgumentException naming every invalid setting */
    ElasticsearchSettings settings() {
        return ElasticsearchSettings.of(urls, apiKey, username, password, caFile);
    }
}
