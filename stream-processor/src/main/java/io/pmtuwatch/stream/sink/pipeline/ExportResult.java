package io.pmtuwatch.stream.sink.pipeline;

/**
 * The answer for one document, handed from the bulk listener thread to the sink loop.
 *
 * @param status    HTTP status of the item, or 0 when the request as a whole failed
 * @param errorType Elasticsearch's error type (e.g. {@code document_parsing_exception}), or the exception class
 * @param reason    the error's reason, null when stored
 */
public record ExportResult(PendingDocument document, Verdict verdict, int status, String errorType, String reason) {

    public static ExportResult stored(PendingDocument document, int status) {
        return new ExportResult(document, Verdict.STORED, status, null, null);
    }
}
