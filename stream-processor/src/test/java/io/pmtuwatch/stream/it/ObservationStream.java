package io.pmtuwatch.stream.it;

import io.pmtuwatch.schemas.Agent;
import io.pmtuwatch.schemas.HandshakeObservation;
import io.pmtuwatch.schemas.HopObservation;
import io.pmtuwatch.schemas.Target;
import io.pmtuwatch.schemas.Transport;
import io.pmtuwatch.stream.ObservationFixtures;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A deterministic stream of probe runs: agents x targets x rounds, some TCP targets (with their
 * handshake first), link MTUs that vary by target and round so diagnoses, links and anomalies differ.
 */
final class ObservationStream {

    record Run(String pathId, List<HandshakeObservation> handshakes, List<HopObservation> hops) {
    }

    private ObservationStream() {
    }

    static List<Run> of(int agents, int targets, int rounds, Instant start) {
        List<Run> runs = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
            for (int a = 0; a < agents; a++) {
                Agent agent = ObservationFixtures.agent("agent-" + a);
                for (int t = 0; t < targets; t++) {
                    boolean tcp = t % 3 == 0;
                    Target target = ObservationFixtures.target("10.50." + t / 200 + "." + t % 200,
                            tcp ? Transport.TCP : Transport.UDP, tcp ? 443 : 33434);
                    int mtu = switch ((t + round / 4) % 4) {
                        case 0 -> 1500;
                        case 1 -> 1400;
                        case 2 -> 1450;
                        default -> 1476;
                    };
                    String runId = "r" + round + "-" + a + "-" + t;
                    Instant at = start.plusSeconds(60L * round).plusMillis(a * 7L + t);
                    List<HandshakeObservation> handshakes = tcp
                            ? List.of(ObservationFixtures.handshake(agent, target, runId, at)) : List.of();
                    runs.add(new Run(ObservationFixtures.pathId(agent, target), handshakes,
                            ObservationFixtures.run(agent, target, runId, at, mtu)));
                }
            }
        }
        return runs;
    }
}
