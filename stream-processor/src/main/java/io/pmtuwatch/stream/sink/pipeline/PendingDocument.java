package io.pmtuwatch.stream.sink.pipeline;

import io.pmtuwatch.stream.sink.SinkDocument;

/** A document on its way to Elasticsearch, with the record it belongs to and how often it was tried. */
public record PendingDocument(SourceRecord source, SinkDocument document, int attempt) {

    public PendingDocument nextAttempt() {
        return new PendingDocument(source, document, attempt + 1);
    }
}
