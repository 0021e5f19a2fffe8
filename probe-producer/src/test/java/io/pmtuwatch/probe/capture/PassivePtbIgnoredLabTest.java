package io.pmtuwatch.probe.capture;

import static org.assertj.core.api.Assertions.assertThat;

import io.pmtuwatch.lab.Family;
import io.pmtuwatch.lab.Lab;
import io.pmtuwatch.lab.Topologies;
import io.pmtuwatch.schemas.Finding;
import io.pmtuwatch.schemas.FindingCode;
import io.pmtuwatch.schemas.HandshakeObservation;
import io.pmtuwatch.schemas.HopObservation;
import io.pmtuwatch.schemas.PathDiagnosis;
import io.pmtuwatch.schemas.ReturnPathMethod;
import io.pmtuwatch.testsupport.RequiresRoot;
import io.pmtuwatch.testsupport.TopicRecords;
import java.io.StringWriter;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The live sensor beside a server that ignores packet-too-big (its firewall drops them; the return
 * link is 1400 and its router does send them): {@code capture} on the server's interface sees the
 * 1500-byte answer segments, the router's messages and the server resending at 1500, and publishes
 * the handshake again with the figures; diagnosed as the topology does, that is PTB_IGNORED at the
 * server, for IPv4 and IPv6.
 */
@RequiresRoot
class PassivePtbIgnoredLabTest {

    @Test
    void theSensorNamesAServerThatKeepsResendingAboveThePacketTooBig() throws Exception {
        SensorTopics topics = SensorTopics.create("ignoring");
        try (Lab lab = Lab.build(Topologies.ptbIgnoringServer())) {
            SensorTopics.Capture capture = topics.startCapture(lab.serverNamespace(), "left", Duration.ofSeconds(12),
                    "server-sensor");
            StringWriter err = capture.err();
            for (Family family : Family.values()) {
                // Resends after 0.2, 0.6, 1.4 s (RTO doubling): 3 s sees at least two.
                LabTraffic.httpGet(lab.agent(), lab.truth().serverAddress(family), lab.truth().tcpPort(), 3000);
            }
            assertThat(capture.exit().get()).as(err::toString).isZero();

            List<HandshakeObservation> handshakes = TopicRecords.read(topics.kafka().clientConfig(), topics.handshakes(),
                    HandshakeObservation.class, 4, Duration.ofSeconds(20));
            List<HopObservation> hops = TopicRecords.read(topics.kafka().clientConfig(), topics.hops(), HopObservation.class,
                    Integer.MAX_VALUE, Duration.ofSeconds(10));
            for (Family family : Family.values()) {
                String server = lab.truth().serverAddress(family);
                HandshakeObservation latest = handshakes.stream()
                        .filter(h -> h.getServerAddress().equals(server) && h.getReturnPath() != null)
                        .reduce((a, b) -> b).orElseThrow(() -> new AssertionError(family + ": no handshake with"
                                + " return-path figures among " + handshakes + "\n" + err));
                assertThat(latest.getReturnPath().getMethod()).isEqualTo(ReturnPathMethod.CAPTURE);
                assertThat(latest.getReturnPath().getSender()).isEqualTo(server);
                assertThat(latest.getReturnPath().getPtbMtu()).isEqualTo(1400);
                assertThat(latest.getReturnPath().getLargestAfterPtb()).isGreaterThan(1400);
                HopObservation ptb = hops.stream().filter(h -> h.getPathId().equals(latest.getPathId()))
                        .max(Comparator.comparing(HopObservation::getSequence)).orElseThrow();
                PathDiagnosis d = ReportBuilder.verdict(List.of(ptb), Optional.of(latest));
                Finding first = d.getFindings().get(0);
                assertThat(first.getCode()).as("%s: %s", family, d.getFindings()).isEqualTo(FindingCode.PTB_IGNORED);
                assertThat(first.getHop()).isEqualTo(server);
                assertThat(first.getMessage()).contains("ignores packet-too-big (seen on the wire)")
                        .contains("above 1400 bytes");
            }
        }
    }

    /** The same download through a plain 1400 link: the server honours the router's message, nothing is flagged. */
    @Test
    void aServerThatHonoursThePacketTooBigIsNotFlagged() throws Exception {
        SensorTopics topics = SensorTopics.create("honouring");
        try (Lab lab = Lab.build(Topologies.mtu1400())) {
            SensorTopics.Capture capture = topics.startCapture(lab.serverNamespace(), "left", Duration.ofSeconds(8),
                    "server-sensor");
            StringWriter err = capture.err();
            for (Family family : Family.values()) {
                LabTraffic.httpGet(lab.agent(), lab.truth().serverAddress(family), lab.truth().tcpPort(), 1500);
            }
            assertThat(capture.exit().get()).as(err::toString).isZero();
            List<HopObservation> hops = TopicRecords.read(topics.kafka().clientConfig(), topics.hops(), HopObservation.class,
                    Integer.MAX_VALUE, Duration.ofSeconds(10));
            List<HandshakeObservation> handshakes = TopicRecords.read(topics.kafka().clientConfig(), topics.handshakes(),
                    HandshakeObservation.class, Integer.MAX_VALUE, Duration.ofSeconds(10));
            assertThat(hops).as("the router's packet-too-bigs were seen").isNotEmpty();
            assertThat(handshakes).hasSize(2).allSatisfy(h -> assertThat(h.getReturnPath()).isNull());
        }
    }
}
