package io.pmtuwatch.stream.sink.pipeline;

import co.elastic.clients.elasticsearch.ElasticsearchAsyncClient;
import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._helpers.bulk.BulkIngester;
import co.elastic.clients.elasticsearch._helpers.bulk.BulkListener;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.ErrorCause;
import co.elastic.clients.elasticsearch.core.BulkRequest;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;
import co.elastic.clients.transport.BackoffPolicy;
import org.elasticsearch.client.ResponseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Exports documents with elasticsearch-java's {@link BulkIngester}, which does the batching (by count,
 * bytes and time) and keeps a bounded number of requests in flight. Its listener only translates
 * each answer into one {@link ExportResult} per document and hands it over; deciding what to do
 * (retry, dead-letter, commit) stays with the sink loop, on one thread.
 */
public final class BulkExporter implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(BulkExporter.class);

    /** Batching knobs, with the defaults of the sink command. */
    public record Batching(int maxOperations, long maxBytes, long flushIntervalMillis, int maxConcurrentRequests) {
        public static Batching defaults() {
            return new Batching(1000, 5L * 1024 * 1024, 200, 2);
        }
    }

    private final BulkIngester<PendingDocument> ingester;
    private final ExecutorService completions = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "bulk-completions");
        thread.setDaemon(true);
        return thread;
    });

    public BulkExporter(ElasticsearchClient client, Batching batching, Consumer<ExportResult> results) {
        ElasticsearchAsyncClient async = new ElasticsearchAsyncClient(new HandoffTransport(client._transport(), completions));
        this.ingester = BulkIngester.of(b -> b.client(async)
                .maxOperations(batching.maxOperations())
                .maxSize(batching.maxBytes())
                .maxConcurrentRequests(batching.maxConcurrentRequests())
                .flushInterval(batching.flushIntervalMillis(), TimeUnit.MILLISECONDS)
                // The ingester's own 429 retries would end in a give-up after a few attempts; the sink
                // retries every failure itself, without limit, so nothing is lost and offsets hold.
                .backoffPolicy(BackoffPolicy.noBackoff())
                .listener(new Listener(results)));
    }

    /** A queue-backed exporter: results are collected for the caller to drain. */
    public static BulkExporter collecting(ElasticsearchClient client, Batching batching, Queue<ExportResult> queue) {
        return new BulkExporter(client, batching, queue::add);
    }

    public static Queue<ExportResult> newResultQueue() {
        return new ConcurrentLinkedQueue<>();
    }

    public void export(PendingDocument document) {
        ingester.add(BulkOperations.of(document.document()), document);
    }

    public void flush() {
        ingester.flush();
    }

    /** Documents buffered or in flight (an estimate from the ingester's own counters). */
    public int pendingOperations() {
        return ingester.pendingOperations();
    }

    @Override
    public void close() {
        ingester.close();
        completions.shutdown();
    }

    private static final class Listener implements BulkListener<PendingDocument> {
        private final Consumer<ExportResult> results;

        Listener(Consumer<ExportResult> results) {
            this.results = results;
        }

        @Override
        public void beforeBulk(long executionId, BulkRequest request, List<PendingDocument> contexts) {
        }

        @Override
        public void afterBulk(long executionId, BulkRequest request, List<PendingDocument> contexts,
                              BulkResponse response) {
            List<BulkResponseItem> items = response.items();
            for (int i = 0; i < contexts.size(); i++) {
                results.accept(result(contexts.get(i), items.get(i)));
            }
        }

        @Override
        public void afterBulk(long executionId, BulkRequest request, List<PendingDocument> contexts,
                              Throwable failure) {
            // The sink loop logs (throttled) and retries; per-request detail only when debugging.
            log.debug("Bulk request of {} documents failed as a whole: {}", contexts.size(), failure.toString());
            int status = statusOf(failure);
            for (PendingDocument document : contexts) {
                // Whatever the request-level failure (refused, 429, 503, even a 4xx of a proxy), the
                // documents themselves were never judged: retry them, never drop them.
                results.accept(new ExportResult(document, Verdict.RETRY, status, failure.getClass().getSimpleName(),
                        String.valueOf(failure.getMessage())));
            }
        }

        /** HTTP status of a request-level failure, 0 when there was no answer. */
        static int statusOf(Throwable failure) {
            for (Throwable t = failure; t != null; t = t.getCause()) {
                if (t instanceof ResponseException r) {
                    return r.getResponse().getStatusLine().getStatusCode();
                }
                if (t instanceof ElasticsearchException e) {
                    return e.status();
                }
            }
            return 0;
        }

        private static ExportResult result(PendingDocument document, BulkResponseItem item) {
            ErrorCause error = item.error();
            if (error == null) {
                return ExportResult.stored(document, item.status());
            }
            return new ExportResult(document, Verdict.ofStatus(item.status()), item.status(), error.type(),
                    describe(error));
        }

        private static String describe(ErrorCause error) {
            StringBuilder text = new StringBuilder(String.valueOf(error.reason()));
            ErrorCause cause = error.causedBy();
            for (int depth = 0; cause != null && depth < 3; depth++, cause = cause.causedBy()) {
                text.append(" | caused by ").append(cause.type()).append(": ").append(cause.reason());
            }
            return text.toString();
        }
    }
}
