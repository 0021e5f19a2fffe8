package io.pmtuwatch.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.Refresh;
import co.elastic.clients.elasticsearch.core.GetResponse;
import org.junit.jupiter.api.Test;

class ElasticsearchHarnessTest {

    /** A document shaped like a small diagnosis; the harness must not care about the shape. */
    record Finding(String pathId, int pmtu, String code) {
    }

    private final ElasticsearchHarness elasticsearch = ElasticsearchHarness.shared();

    @Test
    void indexesADocumentAndReadsItBack() throws Exception {
        ElasticsearchClient client = elasticsearch.client();
        Finding written = new Finding("agent-1|192.0.2.10|tcp|443|4", 1400, "OVERSIZED_MSS");

        client.index(i -> i.index("testsupport-findings").id(written.pathId()).document(written)
                .refresh(Refresh.True));
        GetResponse<Finding> read = client.get(g -> g.index("testsupport-findings").id(written.pathId()),
                Finding.class);

        assertThat(read.found()).isTrue();
        assertThat(read.source()).isEqualTo(written);
    }

    @Test
    void closingTheSharedClientIsHarmless() throws Exception {
        try (ElasticsearchClient client = elasticsearch.client()) {
            assertThat(client.cluster().health().numberOfNodes()).isEqualTo(1);
        }
        assertThat(elasticsearch.client().cluster().health().numberOfNodes()).isEqualTo(1);
        assertThat(elasticsearch.httpUrl()).startsWith("http://127.0.0.1:");
    }
}
