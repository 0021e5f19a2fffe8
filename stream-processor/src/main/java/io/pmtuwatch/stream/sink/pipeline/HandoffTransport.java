package io.pmtuwatch.stream.sink.pipeline;

import co.elastic.clients.json.JsonpMapper;
import co.elastic.clients.transport.ElasticsearchTransport;
import co.elastic.clients.transport.Endpoint;
import co.elastic.clients.transport.TransportOptions;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * Completes asynchronous requests on our own executor instead of the HTTP client's I/O thread.
 *
 * <p>Why: BulkIngester sends while holding its internal lock, and the Apache async client may
 * complete a failed request (connection refused) on its I/O thread while holding its connection-pool
 * lock; BulkIngester's completion handler then wants the ingester lock. Both threads wait for each
 * other: a lock-order deadlock, seen in the outage test when Elasticsearch went away. Handing the
 * completion to another thread means the pool lock is never held while the ingester lock is taken.
 */
final class HandoffTransport implements ElasticsearchTransport {

    private final ElasticsearchTransport delegate;
    private final Executor completions;

    HandoffTransport(ElasticsearchTransport delegate, Executor completions) {
        this.delegate = delegate;
        this.completions = completions;
    }

    @Override
    public <RequestT, ResponseT, ErrorT> ResponseT performRequest(RequestT request,
            Endpoint<RequestT, ResponseT, ErrorT> endpoint, TransportOptions options) throws IOException {
        return delegate.performRequest(request, endpoint, options);
    }

    @Override
    public <RequestT, ResponseT, ErrorT> CompletableFuture<ResponseT> performRequestAsync(RequestT request,
            Endpoint<RequestT, ResponseT, ErrorT> endpoint, TransportOptions options) {
        CompletableFuture<ResponseT> handedOff = new CompletableFuture<>();
        delegate.performRequestAsync(request, endpoint, options).whenCompleteAsync((response, failure) -> {
            if (failure != null) {
                handedOff.completeExceptionally(failure);
            } else {
                handedOff.complete(response);
            }
        }, completions);
        return handedOff;
    }

    @Override
    public JsonpMapper jsonpMapper() {
        return delegate.jsonpMapper();
    }

    @Override
    public TransportOptions options() {
        return delegate.options();
    }

    /** The shared client's transport belongs to its owner: closing the ingester must not close it. */
    @Override
    public void close() {
    }
}
