package io.pmtuwatch.probe.capture;

import static org.assertj.core.api.Assertions.assertThat;

import io.pmtuwatch.probe.packet.IcmpKind;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

/**
 * What a flow learns from its host pair's other flows: the same count and the same first events per
 * message as filtering the pair's events one by one (what the report did per flow before), on random
 * captures with many flows per host pair, events that no flow kept, and hosts talking to themselves.
 */
class HostPairEventsTest {

    private static final String[] ROUTERS = {"10.9.0.1", "10.9.0.2", "10.9.0.3"};

    @RepeatedTest(20)
    void sameAnswersAsFilteringThePairsEventsPerFlow(org.junit.jupiter.api.RepetitionInfo repetition) throws Exception {
        Random random = new Random(repetition.getCurrentRepetition());
        InetAddress[] hosts = {address(1), address(2), address(3), address(4)};
        List<FlowStats> live = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            Endpoint a = new Endpoint(hosts[random.nextInt(hosts.length)], 1000 + i);
            Endpoint b = new Endpoint(hosts[random.nextInt(hosts.length)], 80);
            live.add(new FlowStats(FlowKey.of(6, a, b), 4));
        }
        List<MtuEvent> all = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            FlowStats flow = live.get(random.nextInt(live.size()));
            MtuEvent e = event(i, flow.key, random);
            all.add(e);
            if (random.nextInt(10) > 0) {
                flow.mtuEvents.add(e); // else: kept by no flow (a flow forgotten, or past a flow's bound)
            }
        }
        List<FlowSnapshot> flows = live.stream().map(FlowStats::snapshot).toList();

        HostPairEvents pairs = HostPairEvents.of(all, flows);

        for (FlowSnapshot flow : flows) {
            InetAddress a = flow.key.low().address();
            InetAddress b = flow.key.high().address();
            List<MtuEvent> others = filtered(all, flow, a, b);
            assertThat(pairs.others(flow, a, b)).isEqualTo(others.size());
            assertThat(pairs.firstOtherMessages(flow, a, b)).containsExactlyElementsOf(firstPerMessage(others));
        }
    }

    @Test
    void aFlowWithoutOthersLearnsNothing() throws Exception {
        FlowStats only = new FlowStats(FlowKey.of(6, new Endpoint(address(1), 1000), new Endpoint(address(2), 80)), 4);
        MtuEvent e = event(1, only.key, new Random(1));
        only.mtuEvents.add(e);
        FlowSnapshot flow = only.snapshot();

        HostPairEvents pairs = HostPairEvents.of(List.of(e), List.of(flow));

        assertThat(pairs.others(flow, address(1), address(2))).isZero();
        assertThat(pairs.firstOtherMessages(flow, address(1), address(2))).isEmpty();
        assertThat(pairs.others(flow, address(3), address(4))).isZero();
    }

    /** The report's former per-flow filter: the pair's events, in capture order, not in the flow's own list. */
    private static List<MtuEvent> filtered(List<MtuEvent> all, FlowSnapshot flow, InetAddress a, InetAddress b) {
        Set<MtuEvent> own = Collections.newSetFromMap(new IdentityHashMap<>());
        own.addAll(flow.mtuEvents);
        Set<InetAddress> pair = a.equals(b) ? Set.of(a) : Set.of(a, b);
        List<MtuEvent> others = new ArrayList<>();
        for (MtuEvent e : all) {
            InetAddress from = e.quotedSource().address();
            InetAddress to = e.quotedDestination().address();
            if (!from.equals(to) && Set.of(from, to).equals(pair) && !own.contains(e)) {
                others.add(e);
            }
        }
        return others;
    }

    private static List<MtuEvent> firstPerMessage(List<MtuEvent> events) {
        Set<List<Object>> seen = new LinkedHashSet<>();
        List<MtuEvent> first = new ArrayList<>();
        for (MtuEvent e : events) {
            if (seen.add(java.util.Arrays.asList(e.router(), e.mtu(), e.refusedSize(), e.invalidReason()))) {
                first.add(e);
            }
        }
        return first;
    }

    private static MtuEvent event(long frame, FlowKey key, Random random) {
        boolean valid = random.nextInt(4) > 0;
        // Few distinct messages, so that messages repeat within and across flows.
        return new MtuEvent(frame, frame * 1000, IcmpKind.FRAG_NEEDED, new String(ROUTERS[random.nextInt(ROUTERS.length)]),
                key.low().address().getHostAddress(), 64, 1400 + 20 * random.nextInt(2), key, key.low(), key.high(), 6,
                1500, 1500, valid ? null : "MTU not smaller", List.of());
    }

    private static InetAddress address(int last) throws Exception {
        return InetAddress.getByAddress(new byte[] {10, 0, 0, (byte) last});
    }
}
