package io.pmtuwatch.stream.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ListFiltersTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode link() throws IOException {
        return JSON.readTree("""
                {"linkId": "10.0.1.2>*@site:namespace lab", "href": "/links/10.0.1.2%3E*%40site%3Anamespace%20lab",
                 "router": "10.0.1.2", "nextHop": null, "ipVersion": "IPV4", "mtu": 1400, "fromMtu": 1500,
                 "likelyCause": "GRE tunnel", "pathCount": 1, "agentCount": 1, "paths": ["fra-1|198.51.100.7|TCP|443|v4|"],
                 "agents": ["fra-1"], "firstSeen": "2026-12-07T10:00:00Z", "lastSeen": "2026-12-07T10:05:00Z"}""");
    }

    private static JsonNode window() throws IOException {
        return JSON.readTree("""
                {"id": "pmtu_drop:fra-1|198.51.100.7|TCP|443|v4|:1765101600000", "kind": "PMTU_DROP", "subjectType": "PATH",
                 "subject": "fra-1|198.51.100.7|TCP|443|v4|", "subjectHref": "/paths/fra-1%7C198.51.100.7%7CTCP%7C443%7Cv4%7C",
                 "count": 3, "findingCode": null, "baselinePmtu": 1500, "worstPmtu": 1400, "changes": 0,
                 "agents": ["fra-1"], "paths": ["fra-1|198.51.100.7|TCP|443|v4|"], "start": "2026-12-07T10:00:00Z"}""");
    }

    @Test
    void theTextFilterSearchesValuesNotFieldNames() throws IOException {
        for (String name : new String[] {"linkid", "likelycause", "href", "mtu", "agentcount", "ipversion"}) {
            assertThat(ListFilters.links(QueryParams.parse("q=" + name)).test().test(link())).as(name).isFalse();
        }
        for (String value : new String[] {"NAMESPACE lab", "10.0.1.2>", "gre", "fra-1", "198.51.100.7"}) {
            assertThat(ListFilters.links(QueryParams.parse("q=" + QueryParams.encode(value))).test().test(link()))
                    .as(value).isTrue();
        }
        for (String name : new String[] {"subjecttype", "baselinepmtu", "worstpmtu", "subjecthref", "start"}) {
            assertThat(ListFilters.anomalies(QueryParams.parse("q=" + name)).test().test(window())).as(name).isFalse();
        }
        for (String value : new String[] {"pmtu_drop", "198.51.100.7", "fra-1"}) {
            assertThat(ListFilters.anomalies(QueryParams.parse("q=" + value)).test().test(window())).as(value).isTrue();
        }
    }

    @Test
    void kindAndFindingAreCheckedAgainstTheirCodes() throws IOException {
        assertThat(ListFilters.anomalies(QueryParams.parse("kind=pmtu_drop")).test().test(window())).isTrue();
        assertThat(ListFilters.anomalies(QueryParams.parse("kind=LINK_MTU_DROP")).test().test(window())).isFalse();
        assertThat(ListFilters.anomalies(QueryParams.parse("finding=OVERSIZED_MSS")).test().test(window())).isFalse();

        assertThatThrownBy(() -> ListFilters.anomalies(QueryParams.parse("kind=NOPE"))).isInstanceOf(ApiException.class)
                .hasMessageContaining("kind must be one of [PMTU_DROP, PERSISTENT_FINDING").hasMessageContaining("not 'NOPE'");
        assertThatThrownBy(() -> ListFilters.anomalies(QueryParams.parse("finding=BOGUS"))).isInstanceOf(ApiException.class)
                .hasMessageContaining("finding must be one of [OK, OVERSIZED_MSS");
        assertThatThrownBy(() -> PathFilter.from(QueryParams.parse("finding=BOGUS"))).isInstanceOf(ApiException.class)
                .hasMessageContaining("finding must be one of");
    }

    @Test
    void anAgentOrPathFilterMatchesTheWindowsListsOrItsSubject() throws IOException {
        assertThat(ListFilters.anomalies(QueryParams.parse("agent=fra-1")).test().test(window())).isTrue();
        assertThat(ListFilters.anomalies(QueryParams.parse("agent=fra")).test().test(window())).as("exact").isFalse();
        assertThat(ListFilters.anomalies(QueryParams.parse("path=fra-1%7C198.51.100.7%7CTCP%7C443%7Cv4%7C")).test()
                .test(window())).isTrue();
    }
}
