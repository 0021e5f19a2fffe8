package io.pmtuwatch.stream.sink;

import io.pmtuwatch.schemas.AnomalyWindow;
import io.pmtuwatch.schemas.LinkMtu;
import io.pmtuwatch.schemas.PathDiagnosis;

import java.util.ArrayList;
import java.util.List;

/** Every document one Kafka record becomes. Pure: decoded record in, documents out. */
public final class RecordDocuments {

    private RecordDocuments() {
    }

    /**
     * The diagnosis itself, one document per MTU drop, and the path's latest-state update. An
     * incomplete run (observations lost) leaves the path's state alone: what it did not see says
     * nothing about a fault being gone.
     */
    public static List<SinkDocument> of(PathDiagnosis d, SinkIndices indices) {
        List<SinkDocument> out = new ArrayList<>();
        out.add(SinkDocument.overwrite(indices.diagnoses(), DiagnosisDocuments.id(d), DiagnosisDocuments.document(d)));
        for (int i = 0; i < d.getMtuDrops().size(); i++) {
            out.add(SinkDocument.overwrite(indices.mtuDrops(), MtuDropDocuments.id(d, i), MtuDropDocuments.document(d, i)));
        }
        if (d.getComplete()) {
            out.add(SinkDocument.newestWins(indices.paths(), PathStatusDocuments.id(d), PathStatusDocuments.document(d),
                    PathStatusDocuments.version(d)));
        }
        return out;
    }

    public static List<SinkDocument> of(AnomalyWindow w, SinkIndices indices) {
        return List.of(SinkDocument.newestWins(indices.anomalies(), AnomalyDocuments.id(w), AnomalyDocuments.document(w),
                AnomalyDocuments.version(w)));
    }

    public static List<SinkDocument> of(LinkMtu l, SinkIndices indices) {
        return List.of(SinkDocument.newestWins(indices.links(), LinkDocuments.id(l), LinkDocuments.document(l),
                LinkDocuments.version(l)));
    }
}
