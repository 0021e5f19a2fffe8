package io.pmtuwatch.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;

import io.pmtuwatch.schemas.AnomalyKind;
import io.pmtuwatch.schemas.AnomalyWindow;
import io.pmtuwatch.schemas.FindingCode;
import io.pmtuwatch.schemas.HandshakeObservation;
import io.pmtuwatch.schemas.HandshakeOutcome;
import io.pmtuwatch.schemas.HopObservation;
import io.pmtuwatch.schemas.HopOutcome;
import io.pmtuwatch.schemas.IpVersion;
import io.pmtuwatch.schemas.LinkMtu;
import io.pmtuwatch.schemas.MssMethod;
import io.pmtuwatch.schemas.PathDiagnosis;
import io.pmtuwatch.schemas.PmtuSource;
import io.pmtuwatch.schemas.ProbeMethod;
import io.pmtuwatch.schemas.ProbePhase;
import io.pmtuwatch.schemas.Severity;
import io.pmtuwatch.schemas.Topics;
import io.pmtuwatch.schemas.Transport;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.generic.GenericRecordBuilder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificRecordBase;
import org.junit.jupiter.api.Test;

/**
 * Messages written by producers still on the v1 schemas, built from the released files alone (generic
 * records, as an old producer's classes would write them), must decode into today's classes with the
 * fields v1 did not have set to their defaults.
 */
class OlderWriterTest {

    private static final long T0 = SampleRecords.T0.toEpochMilli();

    @Test
    void hopObservationV1GetsTheDefaultsOfTheFieldsAddedSince() {
        Schema v1 = released("HopObservation", 1);
        GenericRecord old = hopObservationV1(v1);

        HopObservation hop = decode(HopObservation.class, Topics.HOP_OBSERVATIONS, v1, old);

        assertThat(hop.getPathId()).isEqualTo("fra-1|192.0.2.7|tcp|443|v4");
        assertThat(hop.getAgent().getName()).isEqualTo("fra-edge-1");
        assertThat(hop.getTarget().getIpVersion()).isEqualTo(IpVersion.IPV4);
        assertThat(hop.getPhase()).isEqualTo(ProbePhase.HOP_TRACE);
        assertThat(hop.getMethod()).isEqualTo(ProbeMethod.UDP);
        assertThat(hop.getOutcome()).isEqualTo(HopOutcome.PACKET_TOO_BIG);
        assertThat(hop.getReportedMtu()).isEqualTo(1476);
        assertThat(hop.getRttMicros()).isEqualTo(8_421L); // widened to the current long
        assertThat(hop.getTimestamp()).isEqualTo(Instant.ofEpochMilli(T0));
        assertThat(hop.getLastInRun()).isTrue();
        // Added after v1: defaults.
        assertThat(hop.getAgent().getLocation()).isNull();
        assertThat(hop.getInvalidReason()).isNull();
        assertThat(hop.getLocalMtu()).isNull();
        assertThat(hop.getRunProbeCount()).isNull();
    }

    @Test
    void handshakeObservationV1GetsTheDefaultsOfTheFieldsAddedSince() {
        Schema v1 = released("HandshakeObservation", 1);
        GenericRecord old = new GenericRecordBuilder(v1)
                .set("pathId", "fra-1|2001:db8:40::17|tcp|443|v6")
                .set("agent", new GenericRecordBuilder(field(v1, "agent")).set("id", "fra-1").build())
                .set("target", new GenericRecordBuilder(field(v1, "target")).set("host", "www.example.net")
                        .set("address", "2001:db8:40::17").set("port", 443)
                        .set("ipVersion", symbol(field(v1, "target"), "ipVersion", "IPV6"))
                        .set("transport", symbol(field(v1, "target"), "transport", "TCP")).build())
                .set("clientAddress", "2001:db8:1::20").set("clientPort", 40_002)
                .set("serverAddress", "2001:db8:40::17").set("serverPort", 443)
                .set("mssSent", 1440).set("mssReceived", 1380)
                .set("rttMicros", 22_000L)
                .set("outcome", symbol(v1, "outcome", "ESTABLISHED"))
                .set("method", symbol(v1, "method", "PCAP"))
                .set("timestamp", T0)
                .set("origin", symbol(v1, "origin", "ACTIVE"))
                .build();

        HandshakeObservation handshake = decode(HandshakeObservation.class, Topics.HANDSHAKE_OBSERVATIONS, v1, old);

        assertThat(handshake.getTarget().getIpVersion()).isEqualTo(IpVersion.IPV6);
        assertThat(handshake.getMssReceived()).isEqualTo(1380);
        assertThat(handshake.getOutcome()).isEqualTo(HandshakeOutcome.ESTABLISHED);
        assertThat(handshake.getMethod()).isEqualTo(MssMethod.PCAP);
        assertThat(handshake.getKernelPmtu()).isNull();
        assertThat(handshake.getKernelSndMss()).isNull();
        assertThat(handshake.getKernelAdvMss()).isNull();
        assertThat(handshake.getLocalMtu()).isNull();
    }

    @Test
    void pathDiagnosisV1GetsTheDefaultsOfTheFieldsAddedSinceAlsoInNestedRecords() {
        Schema v1 = released("PathDiagnosis", 1);
        Schema mtuDrop = field(v1, "mtuDrops").getElementType();
        Schema finding = field(v1, "findings").getElementType();
        GenericRecord old = new GenericRecordBuilder(v1)
                .set("pathId", "fra-1|192.0.2.7|tcp|443|v4")
                .set("agent", new GenericRecordBuilder(field(v1, "agent")).set("id", "fra-1").build())
                .set("target", targetV4(field(v1, "target")))
                .set("diagnosedAt", T0).set("firstObservationAt", T0 - 900)
                .set("origin", symbol(v1, "origin", "ACTIVE"))
                .set("pmtu", 1476).set("pmtuSource", symbol(v1, "pmtuSource", "PTB"))
                .set("mss", new GenericRecordBuilder(field(v1, "mss")).set("sent", 1460).set("received", 1460)
                        .set("effective", 1436).build())
                .set("mtuDrops", List.of(new GenericRecordBuilder(mtuDrop).set("router", "198.51.100.9")
                        .set("nextHop", "192.0.2.7").set("fromMtu", 1500).set("toMtu", 1476)
                        .set("likelyCause", "GRE tunnel (likely)").build()))
                .set("findings", List.of(new GenericRecordBuilder(finding)
                        .set("code", symbol(finding, "code", "OVERSIZED_MSS"))
                        .set("severity", symbol(finding, "severity", "WARNING"))
                        .set("message", "MSS 1460 + 40 exceeds the path MTU 1476.")
                        .set("fix", "Clamp the MSS to 1436 on 198.51.100.9.").build()))
                .set("status", symbol(v1, "status", "WARNING"))
                .build();

        PathDiagnosis diagnosis = decode(PathDiagnosis.class, Topics.DIAGNOSES, v1, old);

        assertThat(diagnosis.getPmtu()).isEqualTo(1476);
        assertThat(diagnosis.getPmtuSource()).isEqualTo(PmtuSource.PTB);
        assertThat(diagnosis.getMss().getEffective()).isEqualTo(1436);
        assertThat(diagnosis.getMtuDrops()).singleElement().satisfies(drop -> {
            assertThat(drop.getToMtu()).isEqualTo(1476);
            assertThat(drop.getRouterTtl()).isNull();
        });
        assertThat(diagnosis.getFindings()).singleElement().satisfies(f -> {
            assertThat(f.getCode()).isEqualTo(FindingCode.OVERSIZED_MSS);
            assertThat(f.getHop()).isNull();
        });
        assertThat(diagnosis.getHops()).isEmpty();
        assertThat(diagnosis.getBlackHole()).isNull();
        assertThat(diagnosis.getStatus()).isEqualTo(Severity.WARNING);
        assertThat(diagnosis.getComplete()).isTrue();
        assertThat(diagnosis.getMss().getMethod()).isNull();
        assertThat(diagnosis.getIncompleteReason()).isNull();
        assertThat(diagnosis.getProbesSent()).isZero();
        assertThat(diagnosis.getInvalidPtbCount()).isZero();
    }

    @Test
    void anomalyWindowV1GetsTheDefaultsOfTheFieldsAddedSince() {
        Schema v1 = released("AnomalyWindow", 1);
        GenericRecord old = new GenericRecordBuilder(v1)
                .set("id", "anomaly-1").set("kind", symbol(v1, "kind", "PMTU_DROP"))
                .set("state", symbol(v1, "state", "OPENED")).set("subjectType", symbol(v1, "subjectType", "PATH"))
                .set("subject", "fra-1|192.0.2.7|tcp|443|v4")
                .set("start", T0).set("updatedAt", T0).set("count", 2)
                .set("baselinePmtu", 1500).set("worstPmtu", 1476)
                .set("message", "PMTU fell from 1500 to 1476.")
                .build();

        AnomalyWindow window = decode(AnomalyWindow.class, Topics.ANOMALIES, v1, old);

        assertThat(window.getKind()).isEqualTo(AnomalyKind.PMTU_DROP);
        assertThat(window.getEnd()).isNull();
        assertThat(window.getWorstPmtu()).isEqualTo(1476);
        assertThat(window.getChanges()).isZero();
        assertThat(window.getAgents()).isEmpty();
        assertThat(window.getPaths()).isEmpty();
    }

    @Test
    void linkMtuV1GetsTheDefaultsOfTheFieldsAddedSince() {
        Schema v1 = released("LinkMtu", 1);
        GenericRecord old = new GenericRecordBuilder(v1)
                .set("linkId", "2001:db8:ffff::1>*").set("router", "2001:db8:ffff::1")
                .set("ipVersion", symbol(v1, "ipVersion", "IPV6")).set("mtu", 1280)
                .set("likelyCause", "IPv6 tunnel minimum (likely)")
                .set("pathCount", 1).set("agentCount", 1)
                .set("paths", List.of("sensor-2|2001:db8:40::17|tcp|443|v6"))
                .set("firstSeen", T0 - 60_000).set("lastSeen", T0)
                .build();

        LinkMtu link = decode(LinkMtu.class, Topics.LINKS, v1, old);

        assertThat(link.getMtu()).isEqualTo(1280);
        assertThat(link.getNextHop()).isNull();
        assertThat(link.getPaths()).containsExactly("sensor-2|2001:db8:40::17|tcp|443|v6");
        assertThat(link.getFirstSeen()).isEqualTo(Instant.ofEpochMilli(T0 - 60_000));
        assertThat(link.getFromMtu()).isNull();
        assertThat(link.getAgents()).isEmpty();
    }

    @Test
    void everyV1IsADifferentWriterSchemaThanTheCurrentOne() {
        // Otherwise the tests above would not exercise schema resolution at all.
        for (Class<?> type : MessageTypes.ALL) {
            Schema current = SchemaHistory.currentSchemaOf(type);
            assertThat(Fingerprints.of(released(current.getName(), 1)))
                    .as(current.getName())
                    .isNotEqualTo(Fingerprints.of(current));
        }
    }

    private static <T extends SpecificRecordBase> T decode(Class<T> type, String topic,
            Schema writer, GenericRecord record) {
        byte[] bytes = encode(writer, record);
        assertThat(bytes).startsWith((byte) 0xC3, (byte) 0x01);
        return AvroSerdes.deserializer(type).deserialize(topic, bytes);
    }

    /** A frag-needed at TTL 4 as a v1 producer wrote it. */
    static GenericRecord hopObservationV1(Schema v1) {
        return new GenericRecordBuilder(v1)
                .set("pathId", "fra-1|192.0.2.7|tcp|443|v4").set("runId", "run-1").set("sequence", 3)
                .set("agent", new GenericRecordBuilder(field(v1, "agent")).set("id", "fra-1").set("name", "fra-edge-1").build())
                .set("target", targetV4(field(v1, "target")))
                .set("phase", symbol(v1, "phase", "HOP_TRACE")).set("method", symbol(v1, "method", "UDP"))
                .set("ttl", 4).set("probeSize", 1500)
                .set("outcome", symbol(v1, "outcome", "PACKET_TOO_BIG"))
                .set("responder", "198.51.100.9").set("reportedMtu", 1476)
                .set("rttMicros", 8_421) // an int in v1
                .set("timestamp", T0)
                .set("origin", symbol(v1, "origin", "ACTIVE"))
                .set("lastInRun", true)
                .build();
    }

    static byte[] encode(Schema writer, GenericRecord record) {
        try {
            ByteBuffer buffer = new BinaryMessageEncoder<GenericRecord>(GenericData.get(), writer).encode(record);
            byte[] bytes = new byte[buffer.remaining()];
            buffer.get(bytes);
            return bytes;
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** Read straight from the resource, independently of {@link SchemaHistory}. */
    static Schema released(String record, int version) {
        String path = "/io/pmtuwatch/schemas/history/" + record + "/v" + version + ".avsc";
        try (InputStream in = OlderWriterTest.class.getResourceAsStream(path)) {
            assertThat(in).as(path).isNotNull();
            return new Schema.Parser().parse(in);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static GenericRecord targetV4(Schema target) {
        return new GenericRecordBuilder(target).set("host", "www.example.net").set("address", "192.0.2.7")
                .set("port", 443).set("ipVersion", symbol(target, "ipVersion", "IPV4"))
                .set("transport", symbol(target, "transport", Transport.TCP.name())).build();
    }

    /** The schema of a field, without the null branch of an optional one. */
    private static Schema field(Schema record, String name) {
        Schema schema = record.getField(name).schema();
        if (schema.isUnion()) {
            return schema.getTypes().stream().filter(branch -> !branch.isNullable()).findFirst().orElseThrow();
        }
        return schema;
    }

    private static GenericData.EnumSymbol symbol(Schema record, String field, String symbol) {
        return new GenericData.EnumSymbol(field(record, field), symbol);
    }
}
