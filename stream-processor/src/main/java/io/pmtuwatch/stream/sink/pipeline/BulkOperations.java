package io.pmtuwatch.stream.sink.pipeline;

import co.elastic.clients.elasticsearch._types.VersionType;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import io.pmtuwatch.stream.sink.SinkDocument;

/** Turns a {@link SinkDocument} into the bulk operation that gives it its replay semantics. */
public final class BulkOperations {

    private BulkOperations() {
    }

    public static BulkOperation of(SinkDocument doc) {
        return switch (doc.write()) {
            case OVERWRITE -> BulkOperation.of(b -> b.index(i -> i.index(doc.index()).id(doc.id()).document(doc.source())));
            case NEWEST_WINS -> BulkOperation.of(b -> b.index(i -> i.index(doc.index()).id(doc.id())
                    .version(doc.version()).versionType(VersionType.ExternalGte).document(doc.source())));
        };
    }
}
