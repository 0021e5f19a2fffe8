package io.pmtuwatch.stream.sink;

import co.elastic.clients.elasticsearch.indices.GetMappingResponse;
import co.elastic.clients.elasticsearch._types.mapping.Property;
import co.elastic.clients.elasticsearch._types.mapping.TypeMapping;
import io.pmtuwatch.schemas.AnomalyState;
import io.pmtuwatch.schemas.PathDiagnosis;
import io.pmtuwatch.stream.ObservationFixtures;
import io.pmtuwatch.stream.sink.pipeline.SinkSettings;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.awaitility.Awaitility.await;

/**
 * Real records through the real sink into the real Elasticsearch, once per test JVM: the documents
 * and mappings the pipeline actually produces, which the mapping and dashboard tests inspect.
 */
public final class IngestedPipeline {

    public static final Instant T0 = Instant.parse("2025-11-20T10:00:00Z");

    private static IngestedPipeline shared;

    public final SinkTestRig rig;
    public final PathDiagnosis labRun1;
    public final PathDiagnosis labRun2;
    public final PathDiagnosis v6Run;
    /** Field path (dotted) to Elasticsearch type, per index kind as named in {@link SinkIndices}. */
    public final Map<String, Map<String, String>> fieldTypes = new LinkedHashMap<>();

    private IngestedPipeline() throws Exception {
        rig = new SinkTestRig(2);
        labRun1 = SinkFixtures.diagnosis("run-1", T0);
        labRun2 = SinkFixtures.diagnosis("run-2", T0.plusSeconds(60));
        // The v6 run also carries ECMP members and return-path figures, so their fields reach the mapping.
        v6Run = SinkFixtures.withMembersAndReturnPath(
                SinkFixtures.diagnosis(SinkFixtures.AGENT_B, SinkFixtures.TARGET_V6, "run-v6", T0.plusSeconds(30)));
        rig.startSink(rig.elasticsearch, SinkSettings.defaults());
        rig.send(labRun1);
        rig.send(v6Run);
        rig.send(labRun2);
        rig.send(labRun1); // a replay: must overwrite, not add
        String path = ObservationFixtures.PATH_ID;
        rig.send(SinkFixtures.anomaly("w-1", AnomalyState.OPENED, T0, T0.plusSeconds(60), path));
        rig.send(SinkFixtures.anomaly("w-1", AnomalyState.CLOSED, T0, T0.plusSeconds(600), path));
        rig.send(SinkFixtures.anomaly("w-1", AnomalyState.UPDATED, T0, T0.plusSeconds(300), path)); // late: ignored
        rig.send(SinkFixtures.link(T0, T0.plusSeconds(60), List.of(path, v6Run.getPathId()),
                List.of("lab-agent", "fra-edge-1")));
        rig.flush();
        SinkIndices ix = rig.indices;
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).until(() ->
                rig.count(ix.diagnoses()) == 3 && rig.count(ix.mtuDrops()) == 3 && rig.count(ix.paths()) == 2
                        && rig.count(ix.anomalies()) == 1 && rig.count(ix.links()) == 1
                        && rig.committedTotal(rig.topics.diagnoses()) == 4
                        && rig.committedTotal(rig.topics.anomalies()) == 3
                        && rig.committedTotal(rig.topics.links()) == 1);
        for (String index : List.of(ix.diagnoses(), ix.mtuDrops(), ix.anomalies(), ix.links(), ix.paths())) {
            fieldTypes.put(index, fieldTypes(index));
        }
    }

    public static synchronized IngestedPipeline shared() throws Exception {
        if (shared == null) {
            shared = new IngestedPipeline();
        }
        return shared;
    }

    private Map<String, String> fieldTypes(String index) throws Exception {
        GetMappingResponse response = rig.elasticsearch.indices().getMapping(m -> m.index(index));
        TypeMapping mapping = response.result().get(index).mappings();
        Map<String, String> out = new LinkedHashMap<>();
        flatten("", mapping.properties(), out);
        return out;
    }

    private static void flatten(String prefix, Map<String, Property> properties, Map<String, String> out) {
        properties.forEach((name, property) -> {
            String path = prefix + name;
            if (property.isObject()) {
                flatten(path + ".", property.object().properties(), out);
            } else {
                out.put(path, property._kind().jsonValue());
            }
        });
    }
}
