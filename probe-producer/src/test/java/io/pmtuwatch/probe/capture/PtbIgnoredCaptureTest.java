package io.pmtuwatch.probe.capture;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.pmtuwatch.embedded.KafkaHarness;
import io.pmtuwatch.probe.kafka.KafkaObservationPublisher;
import io.pmtuwatch.probe.packet.LinkType;
import io.pmtuwatch.schemas.Finding;
import io.pmtuwatch.schemas.FindingCode;
import io.pmtuwatch.schemas.HandshakeObservation;
import io.pmtuwatch.schemas.HopObservation;
import io.pmtuwatch.schemas.Origin;
import io.pmtuwatch.schemas.PathDiagnosis;
import io.pmtuwatch.schemas.ReturnPathMethod;
import io.pmtuwatch.testsupport.TopicRecords;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sender that keeps resending data above the MTU of the frag-needed / packet-too-big a router sent
 * it is PTB_IGNORED, from {@code analyze} and from the live sensor's publisher, through the same
 * return-path rule as the active test; a sender that resends smaller, or whose new data was only in
 * flight when the message came, is not. Captures built byte by byte; the real ones of the shared set
 * where senders honour the message must not be flagged either.
 */
class PtbIgnoredCaptureTest {

    private static final String CLIENT = "192.168.0.2";
    private static final String SERVER = "192.168.0.1";
    private static final String ROUTER = "10.0.1.1";

    /** One frame at a time offset (milliseconds). */
    private record Timed(long millis, byte[] frame) {
    }

    /**
     * A download: handshake (both MSS {@code mss}), a GET, two full-size server segments refused by the
     * router with {@code mtu}, then {@code after} (frames built from the server's next sequence numbers).
     */
    private static List<Timed> download(WireFrames w, int mss, int mtu, String router,
            java.util.function.Function<long[], List<Timed>> after) {
        List<Timed> frames = new ArrayList<>();
        frames.add(new Timed(0, w.segment(true, 0, 0, WireFrames.SYN, 0, mss)));
        frames.add(new Timed(10, w.segment(false, 100, 1, WireFrames.SYN_ACK, 0, mss)));
        frames.add(new Timed(20, w.segment(true, 1, 101, WireFrames.ACK, 0, null)));
        frames.add(new Timed(21, w.segment(true, 1, 101, WireFrames.PSH_ACK, 90, null)));
        byte[] first = w.segment(false, 101, 91, WireFrames.ACK, mss, null);
        byte[] second = w.segment(false, 101 + mss, 91, WireFrames.ACK, mss, null);
        frames.add(new Timed(30, first));
        frames.add(new Timed(31, second));
        frames.add(new Timed(32, w.packetTooBig(router, mtu, first)));
        frames.add(new Timed(33, w.packetTooBig(router, mtu, second)));
        frames.addAll(after.apply(new long[] {101, 101 + 2L * mss}));
        return frames;
    }

    /** The server resends its first segment at full size twice (200 ms, 600 ms), the router refusing each. */
    private static List<Timed> ignoring(WireFrames w, int mss, int mtu, String router) {
        return download(w, mss, mtu, router, seq -> {
            List<Timed> more = new ArrayList<>();
            for (long at : new long[] {230, 630}) {
                byte[] resent = w.segment(false, seq[0], 91, WireFrames.ACK, mss, null);
                more.add(new Timed(at, resent));
                more.add(new Timed(at + 1, w.packetTooBig(router, mtu, resent)));
            }
            return more;
        });
    }

    private static Path write(Path dir, String name, List<Timed> frames) throws Exception {
        CaptureBytes capture = CaptureBytes.pcap(ByteOrder.LITTLE_ENDIAN, false, 1);
        for (Timed t : frames) {
            capture.record(1_700_000_000 + t.millis() / 1000, (t.millis() % 1000) * 1000, t.frame().length, t.frame());
        }
        Path file = dir.resolve(name);
        Files.write(file, capture.bytes());
        return file;
    }

    private static List<String> codes(JsonNode flow) {
        List<String> codes = new ArrayList<>();
        flow.get("findings").forEach(f -> codes.add(f.get("code").asText()));
        return codes;
    }

    private static JsonNode finding(JsonNode flow, String code) {
        for (JsonNode f : flow.get("findings")) {
            if (f.get("code").asText().equals(code)) {
                return f;
            }
        }
        throw new AssertionError(code + " not in " + flow.get("findings"));
    }

    @Test
    void analyzeNamesAServerThatResendsAboveTheFragNeededMtu(@TempDir Path dir) throws Exception {
        WireFrames w = new WireFrames(CLIENT, 50000, SERVER, 80);
        AnalyzeRun run = AnalyzeRun.of(write(dir, "ignoring_v4.pcap", ignoring(w, 1460, 1400, ROUTER)));

        JsonNode flow = run.flowTo(SERVER + ":80");
        assertThat(codes(flow)).as("%s", flow).contains("PTB_IGNORED");
        JsonNode f = finding(flow, "PTB_IGNORED");
        assertThat(f.get("severity").asText()).isEqualTo("CRITICAL");
        assertThat(f.get("hop").asText()).isEqualTo(SERVER);
        assertThat(f.get("message").asText()).startsWith(SERVER + " ignores packet-too-big (seen on the wire)")
                .contains("router " + ROUTER).contains("above 1400 bytes").contains("2 times")
                .contains("up to 1500 bytes");
        assertThat(f.get("fix").asText()).contains("iptables -I INPUT -p icmp --icmp-type fragmentation-needed")
                .contains("--set-mss 1360");
        assertThat(codes(flow).get(0)).isEqualTo("PTB_IGNORED");
    }

    @Test
    void analyzeNamesAnIpv6ServerThatResendsAboveThePacketTooBigMtu(@TempDir Path dir) throws Exception {
        WireFrames w = new WireFrames("fd00::2", 50000, "fd00::1", 443);
        AnalyzeRun run = AnalyzeRun.of(write(dir, "ignoring_v6.pcap", ignoring(w, 1440, 1280, "fd00:1::1")));

        JsonNode f = finding(run.flowTo("[fd00::1]:443"), "PTB_IGNORED");
        assertThat(f.get("hop").asText()).isEqualTo("fd00::1");
        assertThat(f.get("message").asText()).contains("ICMPv6 type 2").contains("above 1280 bytes");
        assertThat(f.get("fix").asText()).contains("ip6tables -I INPUT -p ipv6-icmp --icmpv6-type packet-too-big");
    }

    @Test
    void aServerThatResendsSmallerOrOnlyHadNewDataInFlightIsNotFlagged(@TempDir Path dir) throws Exception {
        WireFrames w = new WireFrames(CLIENT, 50000, SERVER, 80);
        // New full-size data already in flight when the message came, then the refused data in 1400-byte packets.
        List<Timed> honouring = download(w, 1460, 1400, ROUTER, seq -> List.of(
                new Timed(34, w.segment(false, seq[1], 91, WireFrames.ACK, 1460, null)),
                new Timed(40, w.segment(false, seq[0], 91, WireFrames.ACK, 1360, null)),
                new Timed(41, w.segment(false, seq[0] + 1360, 91, WireFrames.ACK, 1360, null)),
                new Timed(42, w.segment(false, seq[0] + 2720, 91, WireFrames.ACK, 200, null))));
        AnalyzeRun run = AnalyzeRun.of(write(dir, "honouring_v4.pcap", honouring));

        JsonNode flow = run.flowTo(SERVER + ":80");
        assertThat(codes(flow)).as("%s", flow).doesNotContain("PTB_IGNORED").contains("MTU_DROP");
        assertThat(flow.get("pmtu").asInt()).isEqualTo(1400);
    }

    @Test
    void theLiveSensorsPublisherGivesTheSameFindingThroughTheBroker() throws Exception {
        SensorTopics topics = SensorTopics.create("ptb-ignored");
        KafkaHarness kafka = topics.kafka();
        String hopTopic = topics.hops();
        String handshakeTopic = topics.handshakes();
        WireFrames w = new WireFrames(CLIENT, 50001, SERVER, 80);
        try (KafkaObservationPublisher kafkaPublisher = KafkaObservationPublisher.create(kafka.bootstrapServers(),
                "ptb-ignored-test", hopTopic, handshakeTopic)) {
            PassivePublisher publisher = new PassivePublisher(kafkaPublisher, "sensor", Origin.PASSIVE);
            TrafficAnalyzer analyzer = new TrafficAnalyzer(LinkType.ETHERNET, publisher);
            long number = 1;
            for (Timed t : ignoring(w, 1460, 1400, ROUTER)) {
                analyzer.accept(new CapturedFrame(number++, 1_700_000_000_000_000L + t.millis() * 1000,
                        t.frame().length, t.frame()));
            }
        }
        // Handshake at the SYN-ACK, then the handshake again with the figures; 4 PTBs, then the latest again.
        List<HandshakeObservation> handshakes = TopicRecords.read(kafka.clientConfig(), handshakeTopic,
                HandshakeObservation.class, 2, Duration.ofSeconds(20));
        List<HopObservation> hops = TopicRecords.read(kafka.clientConfig(), hopTopic, HopObservation.class, 5,
                Duration.ofSeconds(20));
        assertThat(handshakes).hasSize(2);
        assertThat(handshakes.get(0).getReturnPath()).isNull();
        HandshakeObservation latest = handshakes.get(1);
        assertThat(latest.getReturnPath().getMethod()).isEqualTo(ReturnPathMethod.CAPTURE);
        assertThat(latest.getReturnPath().getSender()).isEqualTo(SERVER);
        assertThat(latest.getReturnPath().getPtbRouter()).isEqualTo(ROUTER);
        assertThat(hops).hasSize(5);

        // As the topology does with a passive hop: diagnosed with the path's latest handshake.
        PathDiagnosis d = ReportBuilder.verdict(List.of(hops.get(4)), Optional.of(latest));
        Finding first = d.getFindings().get(0);
        assertThat(first.getCode()).isEqualTo(FindingCode.PTB_IGNORED);
        assertThat(first.getHop()).isEqualTo(SERVER);
        assertThat(d.getReturnPath().getOversizedAfterPtb()).isEqualTo(2);
        // Before the resends the same PTB with the first handshake is an MTU drop, not PTB_IGNORED.
        assertThat(ReportBuilder.verdict(List.of(hops.get(0)), Optional.of(handshakes.get(0))).getFindings())
                .extracting(Finding::getCode).doesNotContain(FindingCode.PTB_IGNORED);
    }

    @Test
    void realCapturesWhoseSendersHonourTheMessageAreNotFlagged() throws Exception {
        // SMB server resends at 1350 after frag-needed (4 of them, rewritten quotes); SMTP client switches to 1492.
        for (String file : List.of("pmtud_smb_fragneeded1350.pcapng", "zeek_smtp_fragneeded1492.pcap")) {
            AnalyzeRun run = AnalyzeRun.of(SharedCaptures.require(file));
            for (JsonNode flow : run.json().get("flows")) {
                assertThat(codes(flow)).as("%s: %s", file, flow).doesNotContain("PTB_IGNORED");
            }
        }
    }
}
