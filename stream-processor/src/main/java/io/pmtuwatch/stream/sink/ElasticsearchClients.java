package io.pmtuwatch.stream.sink;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import co.elastic.clients.transport.rest_client.RestClientTransport;
import org.apache.http.HttpHost;
import org.elasticsearch.client.RestClient;

import java.net.URI;

/** Builds the elasticsearch-java client for one base URL. */
public final class ElasticsearchClients {

    private ElasticsearchClients() {
    }

    public static ElasticsearchClient create(String url) {
        URI uri = URI.create(url);
        if (uri.getHost() == null || uri.getPort() < 0 && uri.getScheme() == null) {
            throw new IllegalArgumentException("Elasticsearch URL must look like http://host:9200, was: " + url);
        }
        RestClient rest = RestClient.builder(new HttpHost(uri.getHost(), uri.getPort() < 0 ? 9200 : uri.getPort(),
                uri.getScheme() == null ? "http" : uri.getScheme())).build();
        return new ElasticsearchClient(new RestClientTransport(rest, new JacksonJsonpMapper()));
    }
}
