package io.pmtuwatch.diagnosis.internals;

import io.pmtuwatch.diagnosis.IpVersionRules;
import io.pmtuwatch.schemas.BlackHole;
import io.pmtuwatch.schemas.EcmpMember;
import io.pmtuwatch.schemas.HopObservation;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The equal-cost members a run's flows took. Each flow (observations with the same {@code flow})
 * the tracer walked (it showed something the first flow had not) is analysed on its own like a
 * one-flow run: its PTBs, its black hole, its PMTU, its hops. Flows it did not walk showed nothing
 * new and count with the first flow; the walked ones are grouped by (PMTU, limiting router). The path is
 * diagnosed on the narrowest member's flow: the path's PMTU is the smallest member's, every run.
 */
public final class EcmpMembers {

    private final RunObservations narrowest;
    private final List<EcmpMember> members;

    private EcmpMembers(RunObservations narrowest, List<EcmpMember> members) {
        this.narrowest = narrowest;
        this.members = members;
    }

    public static EcmpMembers of(RunObservations run, IpVersionRules rules, Optional<Integer> localMtu) {
        Map<Integer, List<HopObservation>> byFlow = new TreeMap<>();
        for (HopObservation o : run.all()) {
            if (o.getFlow() != null) {
                byFlow.computeIfAbsent(o.getFlow(), f -> new ArrayList<>()).add(o);
            }
        }
        if (byFlow.size() <= 1) {
            return new EcmpMembers(run, List.of());
        }
        Map<List<Object>, Group> groups = new LinkedHashMap<>();
        Group first = null;
        for (Map.Entry<Integer, List<HopObservation>> e : byFlow.entrySet()) {
            RunObservations flowRun = RunObservations.of(e.getValue());
            ValidatedPtbs ptbs = ValidatedPtbs.of(flowRun, rules);
            Optional<BlackHole> hole = BlackHoleAnalyzer.analyze(flowRun, ptbs, localMtu);
            // A flow the tracer did not walk showed nothing new: it counts with the first flow.
            boolean walked = flowRun.all().stream().anyMatch(HopPositions::walksThePath);
            if (first != null && !walked) {
                first.flows.add(e.getKey());
                continue;
            }
            PmtuEstimate pmtu = PmtuResolver.resolve(ptbs, hole, localMtu, flowRun);
            List<Object> key = List.of(pmtu.pmtu().map(Object::toString).orElse("?"), pmtu.limitingHop().orElse(""));
            Group group = groups.computeIfAbsent(key, k -> new Group(e.getKey(), flowRun, pmtu));
            group.flows.add(e.getKey());
            if (first == null) {
                first = group;
            }
        }
        List<Group> ordered = new ArrayList<>(groups.values());
        ordered.sort(Comparator.comparingInt(g -> g.pmtu.pmtu().orElse(Integer.MAX_VALUE)));
        if (ordered.size() < 2) {
            return new EcmpMembers(withUnattributed(first.run, run), List.of());
        }
        List<EcmpMember> members = ordered.stream().map(EcmpMembers::member).toList();
        return new EcmpMembers(withUnattributed(ordered.get(0).run, run), members);
    }

    /** Answers tied to no flow (forged or stale, so rejected) stay with the path, to be counted. */
    private static RunObservations withUnattributed(RunObservations flowRun, RunObservations run) {
        List<HopObservation> all = new ArrayList<>(flowRun.all());
        all.addAll(run.matching(o -> o.getFlow() == null));
        return RunObservations.of(all);
    }

    private static EcmpMember member(Group g) {
        HopPositions positions = HopPositions.of(g.run);
        int last = g.run.all().stream().filter(HopPositions::walksThePath).mapToInt(HopObservation::getTtl).max()
                .orElse(0);
        List<String> hops = new ArrayList<>();
        for (int ttl = 1; ttl <= last && ttl < 64; ttl++) {
            hops.add(positions.addressAt(ttl).orElse(null));
        }
        // Past the target nothing more is on the path.
        while (!hops.isEmpty() && hops.get(hops.size() - 1) == null) {
            hops.remove(hops.size() - 1);
        }
        Integer port = g.run.all().stream().map(HopObservation::getSourcePort).filter(Objects::nonNull).findFirst()
                .orElse(null);
        return EcmpMember.newBuilder()
                .setFlow(g.flow)
                .setSourcePort(port)
                .setFlows(List.copyOf(g.flows))
                .setPmtu(g.pmtu.pmtu().orElse(null))
                .setLimitingRouter(g.pmtu.limitingHop().orElse(null))
                .setHops(hops)
                .build();
    }

    /** The observations to diagnose the path on: the narrowest member's flow (the whole run with one flow). */
    public RunObservations narrowest() {
        return narrowest;
    }

    /** Distinct members, narrowest first; empty when the run saw one. */
    public List<EcmpMember> members() {
        return members;
    }

    private static final class Group {
        private final int flow;
        private final RunObservations run;
        private final PmtuEstimate pmtu;
        private final List<Integer> flows = new ArrayList<>();

        Group(int flow, RunObservations run, PmtuEstimate pmtu) {
            this.flow = flow;
            this.run = run;
            this.pmtu = pmtu;
        }
    }
}
