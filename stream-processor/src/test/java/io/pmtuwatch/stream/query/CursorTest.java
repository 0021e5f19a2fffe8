package io.pmtuwatch.stream.query;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CursorTest {

    @Test
    void aTokenGivesBackItsKeyUnderTheSameResourceAndFilters() {
        String token = ListFilters.links(QueryParams.parse("q=fra")).cursor().encode(List.of("10.0.1.2>*@site:lab"));

        assertThat(token).matches("[A-Za-z0-9_-]+"); // URL-safe as it is
        assertThat(ListFilters.links(QueryParams.parse("q=FRA&limit=5")).cursor().decode(token, 1))
                .as("the same filters, written otherwise, and another page size").containsExactly("10.0.1.2>*@site:lab");
        assertThat(ListFilters.links(QueryParams.parse("")).cursor().decode("", 1)).isEmpty();
    }

    @Test
    void aTokenOfOtherFiltersIsRefusedWithAMessage() {
        String token = ListFilters.anomalies(QueryParams.parse("kind=PMTU_DROP")).cursor().encode(List.of("pmtu_drop:x:1"));

        assertThatThrownBy(() -> ListFilters.anomalies(QueryParams.parse("kind=LINK_MTU_DROP")).cursor().decode(token, 1))
                .isInstanceOf(ApiException.class).hasMessageContaining("given out for other filters");
        assertThatThrownBy(() -> ListFilters.anomalies(QueryParams.parse("")).cursor().decode(token, 1))
                .isInstanceOf(ApiException.class).hasMessageContaining("given out for other filters");
    }

    @Test
    void aTokenOfAnotherResourceIsRefusedNamingIt() {
        String token = ListFilters.links(QueryParams.parse("")).cursor().encode(List.of("a>b"));
        String pathToken = PathFilter.NONE.cursor().encode(List.of("3", "agent", "target", "path"));

        assertThatThrownBy(() -> ListFilters.anomalies(QueryParams.parse("")).cursor().decode(token, 1))
                .isInstanceOf(ApiException.class).hasMessageContaining("given out by /links, not /anomalies");
        assertThatThrownBy(() -> PathSummary.cursorKey(PathFilter.NONE.cursor(), token))
                .isInstanceOf(ApiException.class).hasMessageContaining("is not one /paths gave out");
        assertThatThrownBy(() -> ListFilters.links(QueryParams.parse("")).cursor().decode(pathToken, 1))
                .isInstanceOf(ApiException.class).hasMessageContaining("is not one /links gave out");
    }

    @Test
    void aTokenThisApiDidNotMakeIsRefused() {
        Cursor cursor = ListFilters.links(QueryParams.parse("")).cursor();

        for (String token : List.of("bm9wZQ", "not base64!", "WyIvbGlua3MiLDFd")) {
            assertThatThrownBy(() -> cursor.decode(token, 1)).as(token).isInstanceOf(ApiException.class)
                    .hasMessageContaining("is not one /links gave out");
        }
    }

    @Test
    void pathFiltersThatMeanTheSameShareTheirCursors() {
        assertThat(PathFilter.from(QueryParams.parse("status=ok&finding=mtu_drop")).cursor())
                .isEqualTo(PathFilter.from(QueryParams.parse("status=INFO&finding=MTU_DROP")).cursor());
        assertThat(PathFilter.from(QueryParams.parse("agent=a")).cursor())
                .isNotEqualTo(PathFilter.from(QueryParams.parse("target=a")).cursor());
    }
}
