package io.pmtuwatch.schemas.serde;

import io.pmtuwatch.schemas.Agent;
import io.pmtuwatch.schemas.AnomalyKind;
import io.pmtuwatch.schemas.AnomalyState;
import io.pmtuwatch.schemas.AnomalyWindow;
import io.pmtuwatch.schemas.BlackHole;
import io.pmtuwatch.schemas.DiagnosedHop;
import io.pmtuwatch.schemas.Finding;
import io.pmtuwatch.schemas.FindingCode;
import io.pmtuwatch.schemas.HandshakeObservation;
import io.pmtuwatch.schemas.HandshakeOutcome;
import io.pmtuwatch.schemas.HopObservation;
import io.pmtuwatch.schemas.HopOutcome;
import io.pmtuwatch.schemas.IpVersion;
import io.pmtuwatch.schemas.LinkMtu;
import io.pmtuwatch.schemas.MssMethod;
import io.pmtuwatch.schemas.MssSummary;
import io.pmtuwatch.schemas.MtuDrop;
import io.pmtuwatch.schemas.Origin;
import io.pmtuwatch.schemas.PathDiagnosis;
import io.pmtuwatch.schemas.PathIds;
import io.pmtuwatch.schemas.PmtuSource;
import io.pmtuwatch.schemas.ProbeMethod;
import io.pmtuwatch.schemas.ProbePhase;
import io.pmtuwatch.schemas.Severity;
import io.pmtuwatch.schemas.SubjectType;
import io.pmtuwatch.schemas.Target;
import io.pmtuwatch.schemas.Transport;
import java.time.Instant;
import java.util.List;
import org.apache.avro.specific.SpecificRecordBase;

/**
 * Realistic records of every message type: an IPv4 path behind a GRE tunnel (MTU 1476) with every optional
 * field set, and an IPv6 path (tunnel minimum 1280, black hole) with the optional fields left null.
 */
final class SampleRecords {

    static final Instant T0 = Instant.parse("2025-03-01T10:15:30.123Z");

    static final Agent FRA = Agent.newBuilder().setId("fra-1").setName("fra-edge-1").setLocation("Frankfurt, DE").build();
    static final Agent SENSOR = Agent.newBuilder().setId("sensor-2").build();

    static final Target WEB_V4 = Target.newBuilder().setHost("www.example.net").setAddress("192.0.2.7").setPort(443)
            .setIpVersion(IpVersion.IPV4).setTransport(Transport.TCP).build();
    static final Target WEB_V6 = Target.newBuilder().setHost("2001:db8:40::17").setAddress("2001:db8:40::17")
            .setPort(443).setIpVersion(IpVersion.IPV6).setTransport(Transport.TCP).build();

    static final String PATH_V4 = PathIds.of(FRA.getId(), WEB_V4);
    static final String PATH_V6 = PathIds.of(SENSOR.getId(), WEB_V6);

    private SampleRecords() {
    }

    /** Every sample, two per message type. */
    static List<SpecificRecordBase> all() {
        return List.of(hopV4(), hopV6Passive(), handshakeV4(), handshakeV6Timeout(), diagnosisV4(),
                diagnosisV6BlackHole(), anomalyOpen(), anomalyClosedLink(), linkV4(), linkV6());
    }

    /** A validated frag-needed from the GRE entry router at TTL 4. */
    static HopObservation hopV4() {
        return HopObservation.newBuilder()
                .setPathId(PATH_V4).setRunId("run-20250301-101530-fra-1").setSequence(3)
                .setAgent(FRA).setTarget(WEB_V4)
                .setPhase(ProbePhase.HOP_TRACE).setMethod(ProbeMethod.UDP)
                .setTtl(4).setProbeSize(1500).setOutcome(HopOutcome.PACKET_TOO_BIG)
                .setResponder("198.51.100.9").setReportedMtu(1476)
                .setRttMicros(8_421L).setLocalMtu(1500)
                .setTimestamp(T0).setOrigin(Origin.ACTIVE)
                .setLastInRun(true).setRunProbeCount(7)
                .build();
    }

    /** A packet-too-big seen by the passive sensor and rejected: below the IPv6 minimum. */
    static HopObservation hopV6Passive() {
        return HopObservation.newBuilder()
                .setPathId(PATH_V6).setRunId(null).setSequence(0)
                .setAgent(SENSOR).setTarget(WEB_V6)
                .setPhase(ProbePhase.PASSIVE).setMethod(ProbeMethod.NONE)
                .setTtl(0).setProbeSize(1500).setOutcome(HopOutcome.PACKET_TOO_BIG)
                .setResponder("2001:db8:ffff::1").setReportedMtu(null)
                .setInvalidReason("IPv6 packet-too-big with MTU 1200, below the 1280 minimum")
                .setTimestamp(T0.plusMillis(250)).setOrigin(Origin.PASSIVE)
                .setLastInRun(true)
                .build();
    }

    static HandshakeObservation handshakeV4() {
        return HandshakeObservation.newBuilder()
                .setPathId(PATH_V4).setRunId("run-20250301-101530-fra-1")
                .setAgent(FRA).setTarget(WEB_V4)
                .setClientAddress("203.0.113.20").setClientPort(51_234)
                .setServerAddress("192.0.2.7").setServerPort(443)
                .setMssSent(1460).setMssReceived(1460)
                .setWindowScaleSent(7).setWindowScaleReceived(9)
                .setSackPermittedSent(true).setSackPermittedReceived(true)
                .setTimestampsSent(true).setTimestampsReceived(false)
                .setRttMicros(17_250L).setOutcome(HandshakeOutcome.ESTABLISHED)
                .setMethod(MssMethod.PCAP)
                .setKernelPmtu(1500).setKernelSndMss(1448).setKernelAdvMss(1460).setLocalMtu(1500)
                .setTimestamp(T0.minusMillis(40)).setOrigin(Origin.ACTIVE)
                .build();
    }

    static HandshakeObservation handshakeV6Timeout() {
        return HandshakeObservation.newBuilder()
                .setPathId(PATH_V6)
                .setAgent(SENSOR).setTarget(WEB_V6)
                .setClientAddress("2001:db8:1::20").setClientPort(40_002)
                .setServerAddress("2001:db8:40::17").setServerPort(443)
                .setMssSent(1440)
                .setOutcome(HandshakeOutcome.TIMEOUT).setError(null)
                .setMethod(MssMethod.CAPTURE)
                .setTimestamp(T0).setOrigin(Origin.REPLAY)
                .build();
    }

    /** MSS 1460 over a GRE link of 1476: the seed's oversized-MSS case. */
    static PathDiagnosis diagnosisV4() {
        return PathDiagnosis.newBuilder()
                .setPathId(PATH_V4).setRunId("run-20250301-101530-fra-1")
                .setAgent(FRA).setTarget(WEB_V4)
                .setDiagnosedAt(T0.plusMillis(900)).setFirstObservationAt(T0.minusMillis(40))
                .setOrigin(Origin.ACTIVE)
                .setPmtu(1476).setPmtuSource(PmtuSource.PTB).setLocalMtu(1500)
                .setMss(MssSummary.newBuilder().setSent(1460).setReceived(1460).setEffective(1436)
                        .setMethod(MssMethod.PCAP).build())
                .setHops(List.of(
                        hop(1, "203.0.113.1", 410L, 1500, HopOutcome.TIME_EXCEEDED),
                        hop(2, null, null, 1500, HopOutcome.NO_REPLY),
                        hop(3, "198.51.100.1", 5_120L, 1500, HopOutcome.TIME_EXCEEDED),
                        hop(4, "198.51.100.9", 8_421L, 1476, HopOutcome.PACKET_TOO_BIG),
                        hop(5, "192.0.2.7", 17_001L, 1476, HopOutcome.DESTINATION_REACHED)))
                .setMtuDrops(List.of(MtuDrop.newBuilder().setRouter("198.51.100.9").setRouterTtl(4)
                        .setNextHop("192.0.2.7").setFromMtu(1500).setToMtu(1476)
                        .setLikelyCause("GRE tunnel (likely)").build()))
                .setBlackHole(null)
                .setFindings(List.of(
                        Finding.newBuilder().setCode(FindingCode.OVERSIZED_MSS).setSeverity(Severity.WARNING)
                                .setMessage("The server advertises MSS 1460; 1460 + 40 = 1500 exceeds the path MTU 1476.")
                                .setFix("Clamp the MSS to 1436 on 198.51.100.9 (iptables TCPMSS --set-mss 1436).")
                                .setHop("198.51.100.9").build(),
                        Finding.newBuilder().setCode(FindingCode.MTU_DROP).setSeverity(Severity.INFO)
                                .setMessage("MTU drops from 1500 to 1476 after 198.51.100.9 (GRE tunnel, likely).")
                                .build()))
                .setStatus(Severity.WARNING)
                .setComplete(true).setProbesSent(7).setInvalidPtbCount(1)
                .build();
    }

    /** Big packets vanish after hop 2 without any packet-too-big; no handshake was measured. */
    static PathDiagnosis diagnosisV6BlackHole() {
        return PathDiagnosis.newBuilder()
                .setPathId(PATH_V6).setRunId(null)
                .setAgent(SENSOR).setTarget(WEB_V6)
                .setDiagnosedAt(T0).setFirstObservationAt(T0)
                .setOrigin(Origin.PASSIVE)
                .setPmtu(1280).setPmtuSource(PmtuSource.SIZE_SEARCH)
                .setMss(MssSummary.newBuilder().build())
                .setBlackHole(BlackHole.newBuilder().setDetected(true).setLastRespondingTtl(2)
                        .setRouter("2001:db8:ffff::1").setFirstSilentTtl(3)
                        .setLargestOk(1280).setSmallestLost(1281).build())
                .setFindings(List.of(Finding.newBuilder().setCode(FindingCode.PMTUD_FAILURE)
                        .setSeverity(Severity.CRITICAL)
                        .setMessage("Packets larger than 1280 bytes vanish after 2001:db8:ffff::1 and no"
                                + " packet-too-big comes back.")
                        .setFix("Allow ICMPv6 type 2 (packet too big) through 2001:db8:ffff::1.")
                        .setHop("2001:db8:ffff::1").build()))
                .setStatus(Severity.CRITICAL)
                .setComplete(false).setIncompleteReason("no TCP handshake observed")
                .build();
    }

    static AnomalyWindow anomalyOpen() {
        return AnomalyWindow.newBuilder()
                .setId("anomaly-" + PATH_V4 + "-1740824130123")
                .setKind(AnomalyKind.PMTU_DROP).setState(AnomalyState.OPENED)
                .setSubjectType(SubjectType.PATH).setSubject(PATH_V4)
                .setStart(T0).setEnd(null).setUpdatedAt(T0)
                .setCount(1).setFindingCode(null)
                .setBaselinePmtu(1500).setWorstPmtu(1476)
                .setAgents(List.of(FRA.getId())).setPaths(List.of(PATH_V4))
                .setMessage("PMTU fell from 1500 to 1476 (GRE tunnel, likely).")
                .build();
    }

    static AnomalyWindow anomalyClosedLink() {
        return AnomalyWindow.newBuilder()
                .setId("anomaly-2001:db8:ffff::1>*-1740820000000")
                .setKind(AnomalyKind.LINK_MTU_DROP).setState(AnomalyState.CLOSED)
                .setSubjectType(SubjectType.LINK).setSubject("2001:db8:ffff::1>*")
                .setStart(T0.minusSeconds(3_600)).setEnd(T0).setUpdatedAt(T0)
                .setCount(42).setFindingCode(FindingCode.PMTUD_FAILURE)
                .setWorstPmtu(1280).setChanges(3)
                .setAgents(List.of("sensor-2", "ams-3")).setPaths(List.of(PATH_V6))
                .setMessage("Two agents saw the MTU drop to 1280 at 2001:db8:ffff::1 for an hour.")
                .build();
    }

    static LinkMtu linkV4() {
        return LinkMtu.newBuilder()
                .setLinkId("198.51.100.9>192.0.2.7").setRouter("198.51.100.9").setNextHop("192.0.2.7")
                .setIpVersion(IpVersion.IPV4).setMtu(1476).setFromMtu(1500)
                .setLikelyCause("GRE tunnel (likely)")
                .setPathCount(2).setAgentCount(1)
                .setPaths(List.of(PATH_V4, PathIds.of("fra-1", "192.0.2.8", Transport.UDP, 53, IpVersion.IPV4)))
                .setAgents(List.of("fra-1"))
                .setFirstSeen(T0.minusSeconds(86_400)).setLastSeen(T0)
                .build();
    }

    static LinkMtu linkV6() {
        return LinkMtu.newBuilder()
                .setLinkId("2001:db8:ffff::1>*").setRouter("2001:db8:ffff::1").setNextHop(null)
                .setIpVersion(IpVersion.IPV6).setMtu(1280).setFromMtu(null)
                .setLikelyCause("IPv6 tunnel minimum (likely)")
                .setPathCount(1).setAgentCount(1)
                .setFirstSeen(T0).setLastSeen(T0)
                .build();
    }

    private static DiagnosedHop hop(int ttl, String address, Long rttMicros, int pathMtu, HopOutcome outcome) {
        return DiagnosedHop.newBuilder().setTtl(ttl).setAddress(address).setRttMicros(rttMicros)
                .setPathMtu(pathMtu).setOutcome(outcome).build();
    }
}
