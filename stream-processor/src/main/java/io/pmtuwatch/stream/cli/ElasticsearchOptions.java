package io.pmtuwatch.stream.cli;

import io.pmtuwatch.stream.sink.ElasticsearchSettings;
import picocli.CommandLine.Option;

/**
 * Elasticsearch connection options shared by the sink and setup commands. Environment names follow
 * the one rule (PMTU_ + setting key); the previous release's names still read (see EnvNames).
 */
final class ElasticsearchOptions {

    @Option(names = "--elasticsearch",
            defaultValue = "${env:PMTU_ELASTICSEARCH_URL:-${env:ELASTICSEARCH_URL:-http://localhost:9200}}",
            // The default on a line of its own: help text wraps a URL at its colon.
            description = {"Elasticsearch URL(s), comma-separated (env PMTU_ELASTICSEARCH_URL).", "Default: ${DEFAULT-VALUE}"})
    String urls;

    @Option(names = "--es-api-key",
            defaultValue = "${env:PMTU_ELASTICSEARCH_API_KEY:-${env:ELASTICSEARCH_API_KEY}}",
            description = "Encoded API key (env PMTU_ELASTICSEARCH_API_KEY).")
    String apiKey;

    @Option(names = "--es-username",
            defaultValue = "${env:PMTU_ELASTICSEARCH_USERNAME:-${env:ELASTICSEARCH_USERNAME}}",
            description = "Basic-auth user (env PMTU_ELASTICSEARCH_USERNAME).")
    String username;

    @Option(names = "--es-password",
            defaultValue = "${env:PMTU_ELASTICSEARCH_PASSWORD:-${env:ELASTICSEARCH_PASSWORD}}",
            description = "Basic-auth password (env PMTU_ELASTICSEARCH_PASSWORD; prefer the variable to the option).")
    String password;

    @Option(names = "--es-ca-file",
            defaultValue = "${env:PMTU_ELASTICSEARCH_CA_FILE:-${env:ELASTICSEARCH_CA_FILE}}",
            description = "PEM CA certificate to trust for https (env PMTU_ELASTICSEARCH_CA_FILE).")
    String caFile;

    /** @throws IllegalArgumentException naming every invalid setting */
    ElasticsearchSettings settings() {
        return ElasticsearchSettings.of(urls, apiKey, username, password, caFile);
    }
}
