package io.pmtuwatch.stream.sink;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Kibana saved objects as shipped in the jar ({@code /kibana/pmtu-watch.ndjson}), checked without
 * Kibana: the NDJSON is what the import API expects, every reference resolves, and every field any
 * object uses exists with a suitable type in the mappings the pipeline actually produced (real
 * records through the real sink into the real Elasticsearch, see {@link IngestedPipeline}).
 */
class SavedObjectsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> NUMERIC = Set.of("long", "integer", "short", "byte", "double", "float");
    private static final Pattern KUERY_FIELD = Pattern.compile("\"?([@A-Za-z_][\\w.@]*)\"?\\s*:");

    static List<String> lines;
    static List<JsonNode> objects;
    static Map<String, JsonNode> byTypeAndId = new HashMap<>();

    @BeforeAll
    static void load() throws Exception {
        try (InputStream in = SavedObjectsTest.class.getResourceAsStream("/kibana/pmtu-watch.ndjson")) {
            assertThat(in).as("saved objects packaged into the jar").isNotNull();
            lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
        objects = new ArrayList<>();
        for (String line : lines) {
            JsonNode o = JSON.readTree(line);
            objects.add(o);
            byTypeAndId.put(o.path("type").asText() + "/" + o.path("id").asText(), o);
        }
    }

    @Test
    void oneObjectPerLineWithTheShapeTheImportApiExpects() {
        assertThat(lines).allSatisfy(line -> assertThat(line).isNotBlank().startsWith("{").endsWith("}"));
        assertThat(byTypeAndId).as("type/id unique").hasSize(objects.size());
        for (JsonNode o : objects) {
            assertThat(o.path("type").asText()).isIn("index-pattern", "lens", "search", "dashboard");
            assertThat(o.path("id").asText()).isNotBlank();
            assertThat(o.path("attributes").path("title").asText()).isNotBlank();
            assertThat(o.path("references").isArray()).isTrue();
            assertThat(o.path("coreMigrationVersion").asText()).isEqualTo("8.8.0");
            assertThat(o.path("typeMigrationVersion").asText()).isNotBlank();
        }
        assertThat(objects).extracting(o -> o.path("attributes").path("title").asText())
                .contains("Path MTU / MSS overview", "Path MTU / MSS path detail");
    }

    @Test
    void attributesKibanaStoresAsStringsAreStringifiedJson() throws Exception {
        Map<String, List<String>> stringified = Map.of(
                "index-pattern", List.of("/fields", "/fieldAttrs", "/fieldFormatMap", "/runtimeFieldMap",
                        "/sourceFilters", "/typeMeta"),
                "dashboard", List.of("/panelsJSON", "/optionsJSON", "/kibanaSavedObjectMeta/searchSourceJSON",
                        "/controlGroupInput/panelsJSON", "/controlGroupInput/ignoreParentSettingsJSON"),
                "search", List.of("/kibanaSavedObjectMeta/searchSourceJSON"));
        int checked = 0;
        for (JsonNode o : objects) {
            for (String pointer : stringified.getOrDefault(o.path("type").asText(), List.of())) {
                JsonNode value = o.path("attributes").at(pointer);
                assertThat(value.isTextual()).as(o.path("id").asText() + pointer + " is a string").isTrue();
                JSON.readTree(value.asText());
                checked++;
            }
            if (o.path("type").asText().equals("lens")) {
                assertThat(o.at("/attributes/state").isObject()).as("Lens keeps its state as an object").isTrue();
            }
        }
        assertThat(checked).isGreaterThan(20);
    }

    @Test
    void everyReferenceResolvesAndEveryReferenceNameIsUsed() throws Exception {
        for (JsonNode o : objects) {
            Set<String> names = new HashSet<>();
            for (JsonNode ref : o.path("references")) {
                String target = ref.path("type").asText() + "/" + ref.path("id").asText();
                assertThat(byTypeAndId).as(o.path("id").asText() + " -> " + target).containsKey(target);
                assertThat(names.add(ref.path("name").asText())).as("unique reference name").isTrue();
            }
            assertThat(names).as(o.path("id").asText() + ": references are exactly the ones used")
                    .isEqualTo(usedReferenceNames(o));
        }
    }

    @Test
    void everyFieldUsedExistsWithASuitableTypeInTheMappingsThePipelineProduced() throws Exception {
        IngestedPipeline pipeline = IngestedPipeline.shared();
        int checked = 0;
        for (JsonNode o : objects) {
            switch (o.path("type").asText()) {
                case "lens" -> {
                    Map<String, String> types = mappingOf(pipeline, dataView(o, o.path("references").get(0)));
                    for (JsonNode layer : o.at("/attributes/state/datasourceStates/formBased/layers")) {
                        for (JsonNode column : layer.path("columns")) {
                            checkColumn(o, column, types);
                            checked++;
                        }
                    }
                    checkKuery(o, o.at("/attributes/state/query/query").asText(), types);
                }
                case "search" -> {
                    Map<String, String> types = mappingOf(pipeline, dataView(o, o.path("references").get(0)));
                    for (JsonNode column : o.at("/attributes/columns")) {
                        assertThat(types).as(o.path("id").asText()).containsKey(column.asText());
                        checked++;
                    }
                    JsonNode source = JSON.readTree(o.at("/attributes/kibanaSavedObjectMeta/searchSourceJSON").asText());
                    checkKuery(o, source.at("/query/query").asText(), types);
                }
                case "dashboard" -> {
                    JsonNode controls = JSON.readTree(o.at("/attributes/controlGroupInput/panelsJSON").asText());
                    for (var ids = controls.fieldNames(); ids.hasNext(); ) {
                        String id = ids.next();
                        JsonNode ref = reference(o, "controlGroup_" + id + ":optionsListDataView");
                        Map<String, String> types = mappingOf(pipeline, dataView(o, ref));
                        String field = controls.path(id).at("/explicitInput/fieldName").asText();
                        assertThat(types.get(field)).as("control field " + field).isIn("keyword", "ip", "boolean");
                        checked++;
                    }
                }
                default -> {
                }
            }
        }
        assertThat(checked).isGreaterThan(50);
    }

    @Test
    void bothDashboardsShowNarrowEcmpMembersAndReturnPathProblemsWithTheirFigures() {
        JsonNode ecmp = byTypeAndId.get("lens/pmtu-watch-ecmp-narrow-members");
        JsonNode back = byTypeAndId.get("lens/pmtu-watch-return-path-problems");
        assertThat(ecmp.at("/attributes/state/query/query").asText()).contains("ECMP_NARROW_MEMBER");
        assertThat(back.at("/attributes/state/query/query").asText()).contains("RETURN_PATH_BLACK_HOLE", "PTB_IGNORED");
        assertThat(sourceFields(ecmp)).contains("pmtu.ecmp.narrow_router", "pmtu.ecmp.narrow_pmtu",
                "pmtu.ecmp.wide_pmtu", "pmtu.ecmp.narrow_flows");
        assertThat(sourceFields(back)).contains("pmtu.return_path.largest_segment", "pmtu.return_path.target_mss",
                "pmtu.return_path.stalled", "pmtu.return_path.shrank_after_ptb", "pmtu.return_path.sender");
        for (String dashboard : List.of("dashboard/pmtu-watch-overview", "dashboard/pmtu-watch-path-detail")) {
            assertThat(byTypeAndId.get(dashboard).path("references").findValuesAsText("id")).as(dashboard)
                    .contains("pmtu-watch-ecmp-narrow-members", "pmtu-watch-return-path-problems");
        }
    }

    private static List<String> sourceFields(JsonNode lens) {
        List<String> fields = new ArrayList<>();
        for (JsonNode layer : lens.at("/attributes/state/datasourceStates/formBased/layers")) {
            layer.path("columns").forEach(c -> fields.add(c.path("sourceField").asText()));
        }
        return fields;
    }

    private static void checkColumn(JsonNode o, JsonNode column, Map<String, String> types) {
        String op = column.path("operationType").asText();
        String field = column.path("sourceField").asText();
        String where = o.path("id").asText() + " " + column.path("label").asText() + " (" + field + ")";
        if (op.equals("count")) {
            assertThat(field).isEqualTo("___records___");
            return;
        }
        String type = types.get(field);
        assertThat(type).as(where + " exists in the mapping").isNotNull();
        switch (op) {
            case "date_histogram" -> assertThat(type).as(where).isEqualTo("date");
            case "terms" -> assertThat(type).as(where + ": aggregatable, not text").isIn("keyword", "ip", "boolean");
            case "min", "max" -> assertThat(type).as(where).isIn(union(NUMERIC, Set.of("date")));
            case "unique_count" -> assertThat(type).as(where).isIn(union(NUMERIC, Set.of("keyword", "ip")));
            case "last_value" -> {
                assertThat(type).as(where + ": not text").isNotEqualTo("text");
                assertThat(types.get(column.at("/params/sortField").asText())).isEqualTo("date");
            }
            default -> throw new AssertionError(where + ": operation " + op + " not checked by this test");
        }
        String dataType = column.path("dataType").asText();
        String expected = NUMERIC.contains(type) ? "number" : switch (type) {
            case "keyword" -> "string";
            default -> type;
        };
        if (!op.equals("unique_count")) {
            assertThat(dataType).as(where + " Lens data type matches the mapping").isEqualTo(expected);
        }
        if (column.has("filter")) {
            checkKuery(o, column.at("/filter/query").asText(), types);
        }
    }

    private static void checkKuery(JsonNode o, String kuery, Map<String, String> types) {
        Matcher m = KUERY_FIELD.matcher(kuery);
        while (m.find()) {
            assertThat(types).as(o.path("id").asText() + " query field " + m.group(1)).containsKey(m.group(1));
        }
    }

    /** Names a saved object's attributes point at: panels, drilldowns, controls, layers, search source. */
    private static Set<String> usedReferenceNames(JsonNode o) throws Exception {
        Set<String> used = new HashSet<>();
        JsonNode a = o.path("attributes");
        switch (o.path("type").asText()) {
            case "lens" -> a.at("/state/datasourceStates/formBased/layers").fieldNames()
                    .forEachRemaining(layer -> used.add("indexpattern-datasource-layer-" + layer));
            case "search" -> used.add(JSON.readTree(a.at("/kibanaSavedObjectMeta/searchSourceJSON").asText())
                    .path("indexRefName").asText());
            case "dashboard" -> {
                for (JsonNode panel : JSON.readTree(a.path("panelsJSON").asText())) {
                    String index = panel.path("panelIndex").asText();
                    assertThat(panel.at("/gridData/i").asText()).isEqualTo(index);
                    used.add(index + ":" + panel.path("panelRefName").asText());
                    for (JsonNode event : panel.at("/embeddableConfig/enhancements/dynamicActions/events")) {
                        used.add(index + ":drilldown:" + event.at("/action/factoryId").asText() + ":"
                                + event.path("eventId").asText() + ":dashboardId");
                    }
                }
                JSON.readTree(a.at("/controlGroupInput/panelsJSON").asText()).fieldNames()
                        .forEachRemaining(id -> used.add("controlGroup_" + id + ":optionsListDataView"));
            }
            default -> {
            }
        }
        return used;
    }

    private static JsonNode reference(JsonNode o, String name) {
        for (JsonNode ref : o.path("references")) {
            if (ref.path("name").asText().equals(name)) {
                return ref;
            }
        }
        throw new AssertionError(o.path("id").asText() + " has no reference " + name);
    }

    private static JsonNode dataView(JsonNode o, JsonNode reference) {
        assertThat(reference.path("type").asText()).as(o.path("id").asText()).isEqualTo("index-pattern");
        return byTypeAndId.get("index-pattern/" + reference.path("id").asText());
    }

    /** The ingested index a data view's pattern (e.g. {@code pmtu-links*}) matches. */
    private static Map<String, String> mappingOf(IngestedPipeline pipeline, JsonNode dataView) {
        String pattern = dataView.at("/attributes/title").asText();
        assertThat(pattern).endsWith("*");
        String index = pattern.substring(0, pattern.length() - 1) + pipeline.rig.suffix;
        assertThat(pipeline.fieldTypes).as("an ingested index for data view " + pattern).containsKey(index);
        return pipeline.fieldTypes.get(index);
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> out = new HashSet<>(a);
        out.addAll(b);
        return out;
    }
}
