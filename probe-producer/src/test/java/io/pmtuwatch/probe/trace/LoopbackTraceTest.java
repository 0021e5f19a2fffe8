package io.pmtuwatch.probe.trace;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Loopback's MTU (65536) is larger than any IP packet: the tracer must cap its probes at 65535
 * instead of failing with EMSGSIZE. Needs no root: every namespace has a loopback.
 */
class LoopbackTraceTest {

    @Test
    void tracingLoopbackReachesItWithProbesCappedAtTheLargestIpPacket() throws Exception {
        TraceRun run = new PathTracer(TraceSettings.defaults()).trace(InetAddress.getLoopbackAddress());

        assertThat(run.localMtu()).isEqualTo(65_535);
        assertThat(run.probes()).isNotEmpty().allMatch(p -> p.size() <= 65_535);
        assertThat(run.notes()).noneMatch(note -> note.contains("errno"));
    }
}
