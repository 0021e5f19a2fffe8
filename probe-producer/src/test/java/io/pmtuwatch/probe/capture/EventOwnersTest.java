package io.pmtuwatch.probe.capture;

import static org.assertj.core.api.Assertions.assertThat;

import io.pmtuwatch.probe.packet.IcmpKind;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;

/**
 * {@link EventOwners} names the same flow for every event as an identity map of every flow's list (what
 * the report used before), on random captures with runs of events per flow, events that no flow kept
 * (a flow's bound reached, then events about it again), and events that name no flow.
 */
class EventOwnersTest {

    @RepeatedTest(20)
    void sameOwnerAsAnIdentityMapOfEveryList(RepetitionInfo repetition) throws Exception {
        Random random = new Random(repetition.getCurrentRepetition());
        List<FlowStats> live = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            Endpoint a = new Endpoint(InetAddress.getByAddress(new byte[] {10, 0, 0, (byte) random.nextInt(3)}), 1000 + i);
            Endpoint b = new Endpoint(InetAddress.getByAddress(new byte[] {10, 0, 1, 1}), 80);
            live.add(new FlowStats(FlowKey.of(6, a, b), 4));
        }
        int[] bound = new int[live.size()];
        for (int i = 0; i < bound.length; i++) {
            bound[i] = random.nextInt(3) == 0 ? random.nextInt(40) : Integer.MAX_VALUE;
        }
        List<MtuEvent> all = new ArrayList<>();
        int flow = 0;
        for (int i = 0; i < 1000; i++) {
            if (random.nextInt(5) == 0) {
                flow = random.nextInt(live.size()); // else: a run about the same flow
            }
            FlowStats f = live.get(flow);
            boolean namesAFlow = random.nextInt(20) > 0;
            MtuEvent e = new MtuEvent(i, i, IcmpKind.FRAG_NEEDED, "10.9.0.1", "10.0.0.1", 64, 1400,
                    namesAFlow ? f.key : null, f.key.low(), f.key.high(), 6, 1500, 1500, null, List.of());
            all.add(e);
            if (namesAFlow && f.mtuEvents.size() < bound[flow] && random.nextInt(10) > 0) {
                f.mtuEvents.add(e);
            }
        }
        List<FlowSnapshot> flows = live.stream().map(FlowStats::snapshot).toList();
        Map<MtuEvent, FlowSnapshot> byIdentity = new IdentityHashMap<>();
        for (FlowSnapshot snapshot : flows) {
            snapshot.mtuEvents.forEach(e -> byIdentity.put(e, snapshot));
        }

        EventOwners owners = new EventOwners(flows);

        for (MtuEvent e : all) {
            assertThat(owners.of(e)).as("event %d", e.frame()).isSameAs(byIdentity.get(e));
        }
    }
}
