package io.pmtuwatch.stream.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.pmtuwatch.schemas.HopObservation;
import io.pmtuwatch.schemas.HopOutcome;
import io.pmtuwatch.schemas.PathDiagnosis;
import io.pmtuwatch.schemas.ProbeMethod;
import io.pmtuwatch.stream.ObservationFixtures;
import io.pmtuwatch.stream.config.RawConfig;
import io.pmtuwatch.stream.config.Settings;
import io.pmtuwatch.stream.sink.DiagnosisDocuments;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run measured with TCP SYNs goes through the topology saying so: the diagnosis's probeMethod is
 * TCP_SYN, and so is the Elasticsearch document's {@code pmtu.probe_method}.
 */
class ProbeMethodTopologyTest {

    private static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");

    @TempDir
    Path stateDir;

    @Test
    @SuppressWarnings("unchecked")
    void tcpProbedRunIsDiagnosedAsMeasuredByTcp() {
        try (TopologyFixture fx = new TopologyFixture(stateDir, RawConfig.empty().with(Settings.RUN_TIMEOUT, "30s"))) {
            fx.handshakes.pipeInput(ObservationFixtures.PATH_ID, ObservationFixtures.handshake("tcp-1", T0));
            fx.pipe(run("tcp-1"));
            PathDiagnosis d = fx.diagnoses.readValue();
            assertThat(d.getPmtu()).isEqualTo(1400);
            assertThat(d.getProbeMethod()).isEqualTo(ProbeMethod.TCP_SYN);
            Map<String, Object> pmtu = (Map<String, Object>) DiagnosisDocuments.document(d).get("pmtu");
            assertThat(pmtu).containsEntry("probe_method", "TCP_SYN");
        }
    }

    private static List<HopObservation> run(String runId) {
        String target = ObservationFixtures.TARGET.getAddress();
        List<HopObservation> hops = new ArrayList<>();
        add(hops, runId, 1, 1500, HopOutcome.TIME_EXCEEDED, "10.9.1.1", null);
        add(hops, runId, 2, 1500, HopOutcome.PACKET_TOO_BIG, "10.9.2.1", 1400);
        add(hops, runId, 2, 1400, HopOutcome.TIME_EXCEEDED, "10.9.2.1", null);
        add(hops, runId, 3, 1400, HopOutcome.DESTINATION_REACHED, target, null);
        HopObservation last = hops.get(hops.size() - 1);
        last.setLastInRun(true);
        last.setRunProbeCount(hops.size());
        return hops;
    }

    private static void add(List<HopObservation> hops, String runId, int ttl, int size, HopOutcome outcome,
            String responder, Integer mtu) {
        HopObservation o = ObservationFixtures.hop(ObservationFixtures.AGENT, ObservationFixtures.TARGET, runId,
                hops.size(), ttl, size, outcome, responder, mtu, T0.plusMillis(hops.size()));
        o.setMethod(ProbeMethod.TCP_SYN);
        hops.add(o);
    }
}
