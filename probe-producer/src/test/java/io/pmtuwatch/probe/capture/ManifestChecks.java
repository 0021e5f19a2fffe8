package io.pmtuwatch.probe.capture;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The manifest's figures against what {@code analyze --json} reported for one file. */
final class ManifestChecks {

    private ManifestChecks() {
    }

    static void check(ManifestRow row) throws Exception {
        AnalyzeRun run = AnalyzeRun.of(row.file());
        boolean damaged = row.toString().contains("corrupt");
        assertThat(run.exitCode()).as("exit code of %s; stderr %s", row, run.stderr())
                .isEqualTo(damaged ? AnalyzeCommand.PARTIAL : run.exitCode() == 1 ? 1 : 0);
        JsonNode counts = run.json().get("counts");
        JsonNode summary = run.summary();
        assertThat(counts.get("frames").asInt()).as("frames").isEqualTo(row.packets());
        assertThat(counts.get("malformed").asInt()).as("malformed frames").isZero();
        assertThat(summary.get("fragNeededCount").asInt()).as("frag-needed count").isEqualTo(row.fragNeededCount());
        assertThat(ints(summary.get("fragNeededMtus"))).as("frag-needed MTUs").isEqualTo(row.fragNeededMtus());
        assertThat(summary.get("ptb6Count").asInt()).as("packet-too-big count").isEqualTo(row.ptb6Count());
        assertThat(ints(summary.get("ptb6Mtus"))).as("packet-too-big MTUs").isEqualTo(row.ptb6Mtus());
        assertThat(counts(summary.get("synMss"))).as("SYN MSS values").isEqualTo(row.synMss());
        assertThat(counts(summary.get("synAckMss"))).as("SYN-ACK MSS values").isEqualTo(row.synAckMss());
        assertThat(summary.get("ipv4Fragments").asInt()).as("IPv4 fragments").isEqualTo(row.ipv4Fragments());
        assertThat(summary.get("ipv6Fragments").asInt()).as("IPv6 fragments").isEqualTo(row.ipv6Fragments());
        if (damaged) {
            assertThat(run.json().get("damage").get("framesRead").asInt()).isEqualTo(row.packets());
        } else {
            assertThat(run.json().get("damage").isNull()).as("damage").isTrue();
        }
    }

    private static List<Integer> ints(JsonNode array) {
        List<Integer> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asInt()));
        return values;
    }

    private static Map<String, Integer> counts(JsonNode object) {
        Map<String, Integer> values = new TreeMap<>();
        object.fields().forEachRemaining(e -> values.put(e.getKey(), e.getValue().asInt()));
        return values;
    }
}
