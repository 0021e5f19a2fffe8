package io.pmtuwatch.probe.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.pmtuwatch.probe.socket.ProbeKind;
import io.pmtuwatch.probe.trace.TraceProtocol;
import io.pmtuwatch.probe.trace.TraceSettings;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The targets file's {@code probe:} key, and the trace settings each choice gives. */
class TargetsFileProbeTest {

    @Test
    void probeIsAutoUnlessAskedAndTcpNeedsATcpTarget() throws Exception {
        List<TargetSpec> targets = TargetsFileParser.parse("""
                - host: a.example
                  port: 443
                - host: b.example
                  port: 8080
                  probe: tcp
                - host: c.example
                  port: 53
                  protocol: udp
                  probe: UDP
                """, "targets.yaml");
        assertThat(targets).extracting(TargetSpec::probe)
                .containsExactly(TraceProtocol.AUTO, TraceProtocol.TCP, TraceProtocol.UDP);
        assertThat(targets).extracting(TargetSpec::tcpPort).containsExactly(443, 8080, 0);
    }

    @Test
    void badProbeSettingsAreReportedWithTheirPlace() {
        try {
            TargetsFileParser.parse("""
                    - host: a.example
                      port: 53
                      protocol: udp
                      probe: tcp
                    - host: b.example
                      port: 443
                      probe: sctp
                    """, "targets.yaml");
            throw new AssertionError("accepted");
        } catch (TargetsFileException e) {
            assertThat(e.problems()).containsExactlyInAnyOrder(
                    "targets.yaml:4:10: probe tcp needs protocol tcp (the SYNs go to the service's TCP port)",
                    "targets.yaml:7:10: probe must be auto, udp or tcp, not 'sctp'");
        }
    }

    @Test
    void eachChoiceGivesItsSettings() {
        TraceSettings base = TraceSettings.defaults();
        TraceSettings tcp = TraceProtocol.TCP.apply(base, 8080);
        assertThat(tcp.probeKind()).isEqualTo(ProbeKind.TCP_SYN);
        assertThat(tcp.destinationPort()).isEqualTo(8080);
        TraceSettings auto = TraceProtocol.AUTO.apply(base, 443);
        assertThat(auto.probeKind()).isEqualTo(ProbeKind.UDP);
        assertThat(auto.tcpFallback()).isTrue();
        assertThat(auto.tcpPort()).isEqualTo(443);
        assertThat(TraceProtocol.AUTO.apply(base, 0).tcpFallback()).as("no TCP port, no fallback").isFalse();
        assertThat(TraceProtocol.UDP.apply(base.withTcpFallback(443), 443).tcpFallback()).isFalse();
    }
}
