package io.pmtuwatch.stream.sink;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import com.fasterxml.jackson.databind.JsonNode;
import io.pmtuwatch.schemas.FindingCode;
import io.pmtuwatch.schemas.PathDiagnosis;
import io.pmtuwatch.stream.ObservationFixtures;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

/**
 * Real diagnoses, anomaly windows and links through the sink into the real Elasticsearch: the
 * documents land in the intended indices with the intended mappings (read back through the mapping
 * API) and values; replays and late updates do not add or roll back documents.
 */
class SinkDocumentsTest {

    static IngestedPipeline pipeline;
    static SinkIndices ix;
    static ElasticsearchClient es;

    @BeforeAll
    static void ingest() throws Exception {
        pipeline = IngestedPipeline.shared();
        ix = pipeline.rig.indices;
        es = pipeline.rig.elasticsearch;
    }

    @Test
    void ecsFieldsAndOurNamespaceHaveTheIntendedTypesInEveryIndex() {
        for (String index : pipeline.fieldTypes.keySet()) {
            assertThat(pipeline.fieldTypes.get(index)).as(index).contains(
                    entry("@timestamp", "date"), entry("event.dataset", "keyword"), entry("event.id", "keyword"),
                    entry("observer.id", "keyword"), entry("destination.ip", "ip"), entry("network.type", "keyword"),
                    entry("pmtu.path_id", "keyword"), entry("message", "text"));
        }
        assertThat(pipeline.fieldTypes.get(ix.diagnoses())).contains(
                entry("observer.geo.name", "keyword"), entry("destination.address", "keyword"),
                entry("destination.port", "long"), entry("network.transport", "keyword"),
                entry("pmtu.pmtu", "integer"), entry("pmtu.mss.effective", "integer"),
                entry("pmtu.finding_codes", "keyword"), entry("pmtu.findings.message", "text"),
                entry("pmtu.findings.fix", "text"), entry("pmtu.hops.address", "ip"),
                entry("pmtu.mtu_drops.router", "ip"), entry("pmtu.status_level", "byte"));
        assertThat(pipeline.fieldTypes.get(ix.mtuDrops())).contains(
                entry("pmtu.link.id", "keyword"), entry("pmtu.link.router", "ip"), entry("pmtu.link.next_hop", "ip"),
                entry("pmtu.link.mtu_before", "integer"), entry("pmtu.link.mtu_after", "integer"),
                entry("pmtu.link.likely_cause", "keyword"));
        assertThat(pipeline.fieldTypes.get(ix.anomalies())).contains(
                entry("pmtu.anomaly.kind", "keyword"), entry("event.start", "date"), entry("pmtu.anomaly.open", "boolean"));
        assertThat(pipeline.fieldTypes.get(ix.links())).contains(
                entry("pmtu.link.last_seen", "date"), entry("pmtu.link.agent_count", "integer"));
        assertThat(pipeline.fieldTypes.get(ix.paths())).contains(entry("pmtu.failing", "boolean"),
                entry("pmtu.status_level", "byte"));
    }

    @Test
    void aDiagnosisLandsWithItsValuesUnderItsDeterministicId() throws Exception {
        PathDiagnosis d = pipeline.labRun1;
        JsonNode doc = source(ix.diagnoses(), DiagnosisDocuments.id(d));
        assertThat(doc.at("/@timestamp").asText()).isEqualTo(Timestamps.iso(d.getDiagnosedAt()));
        assertThat(doc.at("/observer/id").asText()).isEqualTo("lab-agent");
        assertThat(doc.at("/observer/geo/name").asText()).isEqualTo(ObservationFixtures.AGENT.getLocation());
        assertThat(doc.at("/destination/ip").asText()).isEqualTo(ObservationFixtures.TARGET.getAddress());
        assertThat(doc.at("/destination/address").asText()).isEqualTo(ObservationFixtures.TARGET.getHost());
        assertThat(doc.at("/network/type").asText()).isEqualTo("ipv4");
        assertThat(doc.at("/network/transport").asText()).isEqualTo("tcp");
        assertThat(doc.at("/pmtu/pmtu").asInt()).isEqualTo(1400);
        assertThat(doc.at("/pmtu/mss/effective").asInt()).isEqualTo(1360);
        assertThat(doc.at("/pmtu/finding_codes").toString()).contains(FindingCode.OVERSIZED_MSS.name());
        assertThat(doc.at("/pmtu/mtu_drops/0/mtu_after").asInt()).isEqualTo(1400);
        assertThat(doc.at("/message").asText()).isEqualTo(d.getFindings().get(0).getMessage());
    }

    @Test
    void everyMtuDropIsItsOwnFlatDocument() throws Exception {
        PathDiagnosis d = pipeline.labRun1;
        JsonNode drop = source(ix.mtuDrops(), MtuDropDocuments.id(d, 0));
        assertThat(drop.at("/pmtu/link/id").asText()).isEqualTo(io.pmtuwatch.schemas.LinkIds.of(d, d.getMtuDrops().get(0)))
                .startsWith("10.9.2.1>" + d.getMtuDrops().get(0).getNextHop()).contains("@");
        assertThat(drop.at("/pmtu/link/router").asText()).isEqualTo("10.9.2.1");
        assertThat(drop.at("/pmtu/link/mtu_before").asInt()).isEqualTo(1500);
        assertThat(drop.at("/pmtu/link/mtu_after").asInt()).isEqualTo(1400);
        assertThat(drop.at("/pmtu/link/likely_cause").asText()).isEqualTo(d.getMtuDrops().get(0).getLikelyCause());
        assertThat(drop.at("/observer/id").asText()).isEqualTo("lab-agent");
        assertThat(drop.at("/destination/ip").asText()).isEqualTo("10.9.3.2");
        assertThat(drop.at("/pmtu/diagnosis_id").asText()).isEqualTo(DiagnosisDocuments.id(d));
    }

    @Test
    void theReplayedDiagnosisOverwroteAndThePathKeepsItsNewestState() throws Exception {
        // 4 diagnosis records, one a replay: 3 documents (checked when ingesting), and the path's
        // latest state is run-2 even though run-1 was replayed after it.
        JsonNode path = source(ix.paths(), ObservationFixtures.PATH_ID);
        assertThat(path.at("/pmtu/run_id").asText()).isEqualTo("run-2");
        assertThat(path.at("/@timestamp").asText()).isEqualTo(Timestamps.iso(pipeline.labRun2.getDiagnosedAt()));
        assertThat(path.at("/pmtu/failing").asBoolean()).isTrue();
        assertThat(path.at("/pmtu/finding").asText()).isEqualTo(pipeline.labRun2.getFindings().get(0).getCode().name());
        JsonNode v6 = source(ix.paths(), pipeline.v6Run.getPathId());
        assertThat(v6.at("/network/type").asText()).isEqualTo("ipv6");
        assertThat(v6.at("/destination/ip").asText()).isEqualTo("2001:db8::80");
    }

    @Test
    void ecmpMembersAndReturnPathFiguresLandWithTheTypesTheirPanelsNeed() throws Exception {
        assertThat(pipeline.fieldTypes.get(ix.diagnoses())).contains(
                entry("pmtu.ecmp.narrow_router", "ip"), entry("pmtu.ecmp.narrow_pmtu", "integer"),
                entry("pmtu.ecmp.wide_pmtu", "integer"), entry("pmtu.ecmp.member_count", "integer"),
                entry("pmtu.ecmp.members.limiting_router", "ip"), entry("pmtu.ecmp.members.hops", "ip"),
                entry("pmtu.return_path.stalled", "boolean"), entry("pmtu.return_path.largest_segment", "integer"),
                entry("pmtu.return_path.target_mss", "integer"), entry("pmtu.return_path.sender", "ip"),
                entry("pmtu.return_path.ptb_router", "ip"));
        JsonNode doc = source(ix.diagnoses(), DiagnosisDocuments.id(pipeline.v6Run));
        assertThat(doc.at("/pmtu/ecmp/member_count").asInt()).isEqualTo(2);
        assertThat(doc.at("/pmtu/ecmp/narrow_router").asText()).isEqualTo("2001:db8:1::1");
        assertThat(doc.at("/pmtu/ecmp/narrow_pmtu").asInt()).isEqualTo(1400);
        assertThat(doc.at("/pmtu/ecmp/wide_pmtu").asInt()).isEqualTo(1500);
        assertThat(doc.at("/pmtu/ecmp/flows").asInt()).isEqualTo(4);
        assertThat(doc.at("/pmtu/ecmp/members/0/hops").toString()).as("silent hops left out")
                .isEqualTo("[\"2001:db8:1::1\",\"2001:db8::80\"]");
        assertThat(doc.at("/pmtu/ecmp/members/1/flows").toString()).isEqualTo("[0,2,3]");
        assertThat(doc.at("/pmtu/return_path/stalled").asBoolean()).isTrue();
        assertThat(doc.at("/pmtu/return_path/largest_segment").asInt()).isEqualTo(1220);
        assertThat(doc.at("/pmtu/return_path/target_mss").asInt()).isEqualTo(1440);
        assertThat(doc.at("/pmtu/return_path/method").asText()).isEqualTo("CAPTURE");
        assertThat(doc.at("/pmtu/return_path/sender").asText()).isEqualTo("2001:db8::80");
        // A run without them carries neither.
        JsonNode plain = source(ix.diagnoses(), DiagnosisDocuments.id(pipeline.labRun1));
        assertThat(plain.at("/pmtu/ecmp").isMissingNode()).isTrue();
        assertThat(plain.at("/pmtu/return_path").isMissingNode()).isTrue();
    }

    @Test
    void anAnomalyWindowKeepsItsNewestStateAndCarriesTheAgentsAndTargetsOfItsPaths() throws Exception {
        JsonNode w = source(ix.anomalies(), "w-1");
        assertThat(w.at("/pmtu/anomaly/state").asText()).as("the late UPDATED did not roll CLOSED back").isEqualTo("CLOSED");
        assertThat(w.at("/pmtu/anomaly/open").asBoolean()).isFalse();
        assertThat(w.at("/pmtu/anomaly/duration_s").asLong()).isEqualTo(600);
        assertThat(w.at("/observer/id").toString()).contains("lab-agent");
        assertThat(w.at("/destination/ip").toString()).contains("10.9.3.2");
        assertThat(w.at("/pmtu/finding_codes").toString()).contains("OVERSIZED_MSS");
    }

    @Test
    void aLinkCarriesItsMtusAgentsAndTargets() throws Exception {
        JsonNode link = source(ix.links(), "10.9.2.1>10.9.3.2");
        assertThat(link.at("/pmtu/link/mtu_before").asInt()).isEqualTo(1500);
        assertThat(link.at("/pmtu/link/mtu_after").asInt()).isEqualTo(1400);
        assertThat(link.at("/pmtu/link/agent_count").asInt()).isEqualTo(2);
        assertThat(link.at("/observer/id").toString()).contains("lab-agent", "fra-edge-1");
        assertThat(link.at("/destination/ip").toString()).contains("10.9.3.2", "2001:db8::80");
    }

    private static JsonNode source(String index, String id) throws Exception {
        var response = es.get(g -> g.index(index).id(id), JsonNode.class);
        assertThat(response.found()).as(index + "/" + id).isTrue();
        return response.source();
    }

    @SuppressWarnings("unused")
    private static Map<String, String> types(String index) {
        return pipeline.fieldTypes.get(index);
    }
}
