package io.pmtuwatch.probe.trace;

import static org.assertj.core.api.Assertions.assertThat;

import io.pmtuwatch.lab.ChainSpec;
import io.pmtuwatch.lab.ExpectedDrop;
import io.pmtuwatch.lab.Family;
import io.pmtuwatch.lab.GroundTruth;
import io.pmtuwatch.lab.Lab;
import io.pmtuwatch.lab.Topologies;
import io.pmtuwatch.probe.socket.ForgedIcmp;
import io.pmtuwatch.schemas.HopObservation;
import java.net.InetAddress;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Forged packet-too-bigs blasted from router r1's namespace at the agent while it traces: a quote
 * with another run's probe id, an MTU not smaller than the probe, an MTU below the protocol minimum.
 * The PMTU and the drops must not change, and every forged PTB that reached our socket is counted.
 */
@Tag("root")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SpoofedPtbLabTest {

    private static final int SOURCE_PORT = 40123;
    private static final int NONCE = 0x0badcafe;
    private final LabTraces labs = new LabTraces();

    @AfterAll
    void tearDown() {
        labs.close();
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"clean-1500,V4", "clean-1500,V6", "link-1400,V4", "link-1400,V6"})
    void forgedPtbsChangeNothingAndAreCounted(String topology, Family family) throws Exception {
        ChainSpec spec = topology.equals("clean-1500") ? Topologies.clean() : Topologies.mtu1400();
        Lab lab = labs.lab(spec);
        GroundTruth truth = lab.truth();
        InetAddress agent = InetAddress.getByName(truth.agentAddress(family));
        InetAddress server = InetAddress.getByName(truth.serverAddress(family));
        InetAddress forgedSender = InetAddress.getByName(truth.hopAddress(family, 2));
        TraceSettings settings = TraceSettings.defaults().withSourcePortAndNonce(SOURCE_PORT, NONCE).withLingerMillis(100);
        int size = truth.localMtu();
        int tooSmall = family == Family.V4 ? 60 : 1000;
        List<byte[]> forged = List.of(
                forge(family, forgedSender, agent, server, size, NONCE + 1, 0, 1300), // another run's id
                forge(family, forgedSender, agent, server, size, NONCE, 0, size), // MTU >= probe size
                forge(family, forgedSender, agent, server, size, NONCE, 1, 9000),
                forge(family, forgedSender, agent, server, size, NONCE, 0, tooSmall)); // below the minimum

        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger sent = new AtomicInteger();
        Future<?> spoofer = java.util.concurrent.Executors.newSingleThreadExecutor().submit(() -> lab.router(1).call(() -> {
            try (ForgedIcmp.Sender sender = new ForgedIcmp.Sender(family == Family.V6)) {
                while (!stop.get()) {
                    for (byte[] packet : forged) {
                        sender.send(packet, agent);
                        sent.incrementAndGet();
                    }
                    java.util.concurrent.locks.LockSupport.parkNanos(250_000);
                }
            }
            return null;
        }));
        Thread.sleep(50);
        LabTraces.Traced traced;
        try {
            traced = LabTraces.trace(lab, family, settings);
        } finally {
            stop.set(true);
            spoofer.get();
        }

        assertThat(sent.get()).isPositive();
        assertThat(traced.diagnosis().getPmtu()).as("%s", traced).isEqualTo(truth.pmtu());
        List<ExpectedDrop> drops = truth.drops(family);
        assertThat(traced.diagnosis().getMtuDrops()).hasSize(drops.size());
        for (int i = 0; i < drops.size(); i++) {
            assertThat(traced.diagnosis().getMtuDrops().get(i).getRouter()).isEqualTo(drops.get(i).router());
            assertThat(traced.diagnosis().getMtuDrops().get(i).getToMtu()).isEqualTo(drops.get(i).toMtu());
        }
        assertThat(traced.diagnosis().getInvalidPtbCount()).as("%s", traced).isPositive();
        List<String> reasons = traced.observations().stream().map(HopObservation::getInvalidReason)
                .filter(r -> r != null).distinct().toList();
        assertThat(reasons).as("%s", traced)
                .anyMatch(r -> r.contains("not from this run"))
                .anyMatch(r -> r.contains("not smaller"))
                .anyMatch(r -> r.contains("below the minimum"));
    }

    private static byte[] forge(Family family, InetAddress from, InetAddress agent, InetAddress server, int size,
            int nonce, int seq, int mtu) {
        byte[] payload = ProbePayload.build(nonce, seq, 16);
        int dport = TraceSettings.defaults().udpPort();
        return family == Family.V4
                ? ForgedIcmp.fragNeeded(from, agent, agent, server, SOURCE_PORT, dport, size, payload, mtu)
                : ForgedIcmp.packetTooBig(agent, server, SOURCE_PORT, dport, size, payload, mtu);
    }
}
