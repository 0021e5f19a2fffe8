package io.pmtuwatch.testsupport;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;

import co.elastic.clients.json.JsonpMapper;
import co.elastic.clients.transport.ElasticsearchTransport;
import co.elastic.clients.transport.Endpoint;
import co.elastic.clients.transport.TransportOptions;

/**
 * The harness's one transport, handed to clients so that closing a client does nothing.
 *
 * <p>{@code ElasticsearchClient.close()} closes its transport; tests that open the shared client in
 * try-with-resources would otherwise break every later test in the JVM. The harness closes the real
 * transport when the node stops.
 */
final class UncloseableTransport implements ElasticsearchTransport {

    private final ElasticsearchTransport delegate;

    UncloseableTransport(ElasticsearchTransport delegate) {
        this.delegate = delegate;
    }

    @Override
    public <RequestT, ResponseT, ErrorT> ResponseT performRequest(
            RequestT request, Endpoint<RequestT, ResponseT, ErrorT> endpoint, TransportOptions options)
            throws IOException {
        return delegate.performRequest(request, endpoint, options);
    }

    @Override
    public <RequestT, ResponseT, ErrorT> CompletableFuture<ResponseT> performRequestAsync(
            RequestT request, Endpoint<RequestT, ResponseT, ErrorT> endpoint, TransportOptions options) {
        return delegate.performRequestAsync(request, endpoint, options);
    }

    @Override
    public JsonpMapper jsonpMapper() {
        return delegate.jsonpMapper();
    }

    @Override
    public TransportOptions options() {
        return delegate.options();
    }

    @Override
    public void close() {
        // Shared: see the class comment.
    }
}
