package io.pmtuwatch.probe.capture;

import io.pmtuwatch.diagnosis.DiagnosisContext;
import io.pmtuwatch.diagnosis.PathDiagnoser;
import io.pmtuwatch.probe.capture.AnalysisReport.FindingView;
import io.pmtuwatch.probe.capture.AnalysisReport.FlowView;
import io.pmtuwatch.probe.capture.AnalysisReport.PtbView;
import io.pmtuwatch.probe.capture.AnalysisReport.RouterView;
import io.pmtuwatch.probe.packet.Encapsulation;
import io.pmtuwatch.probe.packet.Encapsulations;
import io.pmtuwatch.probe.packet.IcmpKind;
import io.pmtuwatch.schemas.HandshakeObservation;
import io.pmtuwatch.schemas.HopObservation;
import io.pmtuwatch.schemas.Origin;
import io.pmtuwatch.schemas.PathDiagnosis;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Builds the {@link AnalysisReport} of an {@link AnalysisResult}: per-flow MSS and PTB figures with
 * the diagnosis rules applied ({@link PathDiagnoser}, fed with the flow's passive observations), per
 * router figures, and notes on what the capture itself suggests (a clamp, a scanner, offload). Pure.
 */
public final class ReportBuilder {

    /** Servers that must agree on one SYN-ACK MSS before a clamp in front of the client is suspected. */
    static final int CLAMP_MIN_SERVERS = 3;

    private static final PathDiagnoser DIAGNOSER = new PathDiagnoser();
    private final PassiveObservations observations;

    public ReportBuilder(String agentId, Origin origin) {
        this.observations = new PassiveObservations(agentId, origin);
    }

    public AnalysisReport build(String file, AnalysisResult r, CaptureDamage damage) {
        List<String> notes = new ArrayList<>();
        Set<List<String>> scanners = scanners(r, notes);
        HostPairEvents byPair = HostPairEvents.of(r.mtuEvents(), r.flows());
        List<FlowView> flows = new ArrayList<>();
        for (FlowSnapshot flow : r.flows()) {
            if (flow.synCount > 0 || flow.synAckCount > 0 || !flow.mtuEvents.isEmpty()) {
                flows.add(flow(flow, scanners, byPair));
            }
        }
        clampSuspicion(r, notes);
        if (r.mss().onNonSyn() > 0) {
            notes.add(r.mss().onNonSyn() + " segment(s) without SYN carry an MSS option: ignored (MSS is only valid on SYNs)");
        }
        long offload = r.flows().stream().mapToLong(f -> f.offloadSegments).sum();
        if (offload > 0) {
            notes.add(offload + " segment(s) larger than the receiver's MSS: TSO/GRO offload artefacts of the"
                    + " capturing host, not evidence of a path MTU above the link MTU");
        }
        if (r.frames().snaplenCut() > 0) {
            notes.add(r.frames().snaplenCut() + " frame(s) cut by the snapshot length: sizes taken from the IP headers");
        }
        if (r.fragments().incomplete() > 0) {
            notes.add(r.fragments().incomplete() + " fragmented datagram(s) never completed");
        }
        String[] quotedFlows = quotedFlows(r.mtuEvents());
        return new AnalysisReport(file, r.linkType().name(), counts(r), summary(r), flows, routers(r, quotedFlows),
                new MtuEventViews(r.mtuEvents(), quotedFlows), notes, damage);
    }

    private static AnalysisReport.Counts counts(AnalysisResult r) {
        Map<String, Long> encapsulations = new TreeMap<>();
        r.frames().encapsulations().forEach((k, v) -> encapsulations.put(k.name(), v));
        AnalysisResult.Frames f = r.frames();
        return new AnalysisReport.Counts(f.total(), f.bytes(), f.total() - f.notIp() - f.malformed(), f.notIp(),
                f.malformed(), f.problems(), f.snaplenCut(), encapsulations, r.icmp().timeExceeded(),
                r.icmp().otherErrors(), r.mss().onNonSyn(), r.fragments().reassembled(), r.span().backwardsTimestamps());
    }

    private static AnalysisReport.Summary summary(AnalysisResult r) {
        // One pass: a capture can hold a hundred thousand events.
        MtuTally v4 = new MtuTally();
        MtuTally v6 = new MtuTally();
        for (MtuEvent e : r.mtuEvents()) {
            if (e.kind() == IcmpKind.FRAG_NEEDED) {
                v4.add(e.mtu());
            } else if (e.kind() == IcmpKind.PACKET_TOO_BIG) {
                v6.add(e.mtu());
            }
        }
        return new AnalysisReport.Summary(v4.count, List.copyOf(v4.mtus), v6.count, List.copyOf(v6.mtus),
                new TreeMap<>(r.mss().syn()), new TreeMap<>(r.mss().synAck()), r.fragments().ipv4(), r.fragments().ipv6());
    }

    private FlowView flow(FlowSnapshot flow, Set<List<String>> scanners, HostPairEvents byPair) {
        List<String> notes = new ArrayList<>();
        Optional<HandshakeObservation> handshake = observations.handshake(flow);
        // A PMTU belongs to the host pair, not to one port: PTBs about other flows between the same two
        // hosts (e.g. a tracer's UDP probes beside its TCP handshake) count for this flow's diagnosis.
        boolean withOthers = flow.client != null && handshake.isPresent();
        int others = withOthers ? byPair.others(flow, flow.client.address(), flow.server.address()) : 0;
        if (others > 0) {
            notes.add(others + " PTB(s) about other flows between the same hosts included");
        }
        List<HopObservation> hops = new ArrayList<>();
        Optional<String> pathId = observations.pathId(flow);
        if (pathId.isPresent()) {
            var target = observations.target(flow).orElseThrow();
            // Repeats of one message (same router, MTU, size, verdict) say nothing new: one each keeps the
            // diagnosis linear in what is distinct, however long the capture.
            DistinctMessages seen = new DistinctMessages();
            for (MtuEvent e : flow.mtuEvents) {
                if (seen.add(e)) {
                    hops.add(observations.hop(e, pathId.get(), target, hops.size()));
                }
            }
            if (others > 0) {
                for (MtuEvent e : byPair.firstOtherMessages(flow, flow.client.address(), flow.server.address())) {
                    if (seen.add(e)) {
                        hops.add(observations.hop(e, pathId.get(), target, hops.size()));
                    }
                }
            }
        }
        Integer effective = null;
        Integer pmtu = null;
        String pmtuSource = null;
        String status = null;
        List<FindingView> findings = List.of();
        boolean scanner = flow.client != null && flow.server != null && scanners.contains(
                List.of(TrafficAnalyzer.text(flow.client.address()), TrafficAnalyzer.text(flow.server.address())));
        if (scanner || flow.scanLike()) {
            notes.add("scanner-like SYNs (MSS varies per SYN, or SYN with FIN/RST/PSH/URG): no path conclusion drawn");
        } else if (handshake.isPresent() || !hops.isEmpty()) {
            try {
                PathDiagnosis d = verdict(hops, handshake);
                effective = d.getMss() == null ? null : d.getMss().getEffective();
                pmtu = d.getPmtu();
                pmtuSource = d.getPmtuSource() == null ? null : d.getPmtuSource().name();
                status = d.getStatus().name();
                findings = d.getFindings().stream().map(ReportBuilder::view).toList();
            } catch (IllegalArgumentException e) {
                notes.add("not diagnosed: " + e.getMessage());
            }
        }
        tunnelNote(flow, notes);
        adaptationNote(flow, notes);
        if (flow.offloadSegments > 0) {
            notes.add(flow.offloadSegments + " offload super-segment(s) up to " + flow.largestOffloadPacket
                    + " bytes ignored for sizes");
        }
        if (flow.mssOnNonSyn > 0) {
            notes.add(flow.mssOnNonSyn + " non-SYN segment(s) with an MSS option ignored");
        }
        if (flow.synCount > 0 && flow.synAckCount == 0) {
            notes.add("one-sided handshake: no SYN-ACK captured");
        }
        List<PtbView> ptbs = new PtbViews(flow.mtuEvents);
        Endpoint client = flow.client != null ? flow.client : flow.key.low();
        Endpoint server = flow.server != null ? flow.server : flow.key.high();
        return new FlowView(client.toString(), server.toString(), protocol(flow.key.protocol()), flow.ipVersion,
                Encapsulations.of(flow.encapsulations).stream().map(Encapsulation::name).toList(), flow.synCount,
                flow.synAckCount, flow.mssSent(), flow.mssReceived(), effective, flow.largestFromClient,
                flow.largestFromServer, flow.offloadSegments, ptbs, pmtu, pmtuSource, status, findings, notes);
    }

    /**
     * A flow's decision: its observations through the diagnosis module, exactly as {@code trace} and the
     * stream processor's topology use it (a test feeds all three the same observations).
     */
    public static PathDiagnosis verdict(List<HopObservation> hops, Optional<HandshakeObservation> handshake) {
        return DIAGNOSER.diagnose(hops, handshake, DiagnosisContext.completeRun());
    }

    /** Finding as the report shows it. */
    public static FindingView view(io.pmtuwatch.schemas.Finding f) {
        return new FindingView(f.getCode().name(), f.getSeverity().name(), f.getMessage(), f.getFix(), f.getHop());
    }

    /** A tunnel takes its headers from the underlay MTU: say what MSS fits a 1500-byte underlay. */
    private static void tunnelNote(FlowSnapshot flow, List<String> notes) {
        if (flow.tunnelOverhead <= 0) {
            return;
        }
        int innerMtu = 1500 - flow.tunnelOverhead;
        int headers = flow.ipVersion == 6 ? 60 : 40;
        String tunnels = Encapsulations.of(flow.encapsulations).stream()
                .filter(e -> e.ordinal() >= Encapsulation.GRE.ordinal()).map(Encapsulation::name)
                .collect(Collectors.joining("+"));
        StringBuilder note = new StringBuilder("carried in " + tunnels + " (" + flow.tunnelOverhead
                + " bytes of outer headers): a 1500-byte underlay leaves " + innerMtu + ", so MSS up to "
                + (innerMtu - headers) + " fits");
        java.util.stream.Stream.of(flow.mssSent(), flow.mssReceived()).filter(Objects::nonNull).distinct()
                .forEach(mss -> note.append(mss + headers > innerMtu ? "; MSS " + mss + " does not" : "; MSS " + mss
                        + " does"));
        notes.add(note.toString());
    }

    private static void adaptationNote(FlowSnapshot flow, List<String> notes) {
        if (flow.ptbTowardsClient && flow.largestFromClientAfterPtb > 0) {
            notes.add("after the PTB the client's largest packet was " + flow.largestFromClientAfterPtb + " bytes");
        }
        if (flow.ptbTowardsServer && flow.largestFromServerAfterPtb > 0) {
            notes.add("after the PTB the server's largest packet was " + flow.largestFromServerAfterPtb + " bytes");
        }
    }

    /** Client and server address pairs whose SYNs carry three or more MSS values: nmap -O and friends. */
    private static Set<List<String>> scanners(AnalysisResult r, List<String> notes) {
        Map<List<String>, Set<Integer>> mssByPair = new HashMap<>();
        for (FlowSnapshot flow : r.flows()) {
            if (flow.client == null || flow.server == null) {
                continue;
            }
            List<String> pair = List.of(TrafficAnalyzer.text(flow.client.address()),
                    TrafficAnalyzer.text(flow.server.address()));
            Set<Integer> values = mssByPair.computeIfAbsent(pair, p -> new TreeSet<>(
                    java.util.Comparator.nullsFirst(Integer::compare)));
            values.addAll(flow.synMssValues);
        }
        Set<List<String>> scanners = new java.util.HashSet<>();
        mssByPair.forEach((pair, values) -> {
            if (values.size() >= 3) {
                scanners.add(pair);
                notes.add(pair.get(0) + " sent SYNs with " + values.size() + " different MSS values to " + pair.get(1)
                        + " " + values + ": a scanner (e.g. nmap -O), not a path property");
            }
        });
        return scanners;
    }

    /** Every server answering one client with the same MSS, below the client's: a clamp in between. */
    private static void clampSuspicion(AnalysisResult r, List<String> notes) {
        Map<String, List<FlowSnapshot>> byClient = new LinkedHashMap<>();
        for (FlowSnapshot flow : r.flows()) {
            if (flow.client != null && flow.mssSent() != null && flow.mssReceived() != null) {
                byClient.computeIfAbsent(TrafficAnalyzer.text(flow.client.address()), c -> new ArrayList<>())
                        .add(flow);
            }
        }
        byClient.forEach((client, flows) -> {
            Set<Integer> answered = flows.stream().map(FlowSnapshot::mssReceived).collect(Collectors.toSet());
            long servers = flows.stream().map(f -> f.server.address()).distinct().count();
            int sent = flows.stream().mapToInt(FlowSnapshot::mssSent).min().orElse(0);
            if (answered.size() == 1 && servers >= CLAMP_MIN_SERVERS && answered.iterator().next() < sent) {
                int clamp = answered.iterator().next();
                int largest = flows.stream().mapToInt(f -> Math.max(f.largestFromServer, f.largestFromClient)).max()
                        .orElse(0);
                notes.add("suspected MSS clamp: all " + servers + " servers answered " + client + " (SYN MSS " + sent
                        + ") with MSS " + clamp + "; independent servers do not agree by chance, a middlebox likely"
                        + " clamps to " + clamp + " (largest IP packet seen " + largest + ")");
            }
        });
    }

    /** Per event, the text of the flow it quotes: one instance per quoted flow, for the event and its router. */
    private static String[] quotedFlows(List<MtuEvent> events) {
        QuotedFlowTexts texts = new QuotedFlowTexts();
        String[] quotedFlows = new String[events.size()];
        for (int i = 0; i < quotedFlows.length; i++) {
            quotedFlows[i] = texts.of(events.get(i));
        }
        return quotedFlows;
    }

    /** {@code quotedFlows}: per event of {@code r.mtuEvents()}, the text of the flow it quotes. */
    private static List<RouterView> routers(AnalysisResult r, String[] quotedFlows) {
        Map<String, RouterTally> byRouter = new LinkedHashMap<>();
        List<MtuEvent> all = r.mtuEvents();
        RouterTally previous = null;
        for (int i = 0; i < all.size(); i++) {
            MtuEvent e = all.get(i);
            // Messages come in runs from one router: the one before usually answers without a lookup.
            RouterTally tally = previous != null && previous.router.equals(e.router()) ? previous
                    : byRouter.computeIfAbsent(e.router(), RouterTally::new);
            tally.add(e, quotedFlows[i]);
            previous = tally;
        }
        List<RouterView> routers = new ArrayList<>(byRouter.size());
        byRouter.values().forEach(tally -> routers.add(tally.view()));
        return routers;
    }

    /**
     * Messages of one kind: their number and distinct MTUs (sorted). Counted in a method of its own: the loop
     * over a capture's events runs once, and a body inlined there ran interpreted until the loop's own compilation.
     */
    private static final class MtuTally {
        int count;
        final Set<Integer> mtus = new TreeSet<>();
        /** The MTU added last (when any): a flood repeats it, known without boxing and a tree lookup. */
        private int lastMtu;

        void add(int mtu) {
            count++;
            if (mtus.isEmpty() || mtu != lastMtu) {
                mtus.add(mtu);
                lastMtu = mtu;
            }
        }
    }

    /** One router's messages so far: counts, distinct MTUs (sorted), distinct quoted flows (in order). */
    private static final class RouterTally {
        final String router;
        int messages;
        int valid;
        final Set<Integer> mtus = new TreeSet<>();
        final Set<String> flows = new java.util.LinkedHashSet<>();

        RouterTally(String router) {
            this.router = router;
        }

        /** The MTU and flow text added last (when any): a flood repeats them (the text is one instance per flow). */
        private int lastMtu;
        private String lastFlow;

        void add(MtuEvent e, String flow) {
            messages++;
            if (e.valid()) {
                valid++;
            }
            if (mtus.isEmpty() || e.mtu() != lastMtu) {
                mtus.add(e.mtu());
                lastMtu = e.mtu();
            }
            if (flows.isEmpty() || flow != lastFlow) {
                flows.add(flow);
                lastFlow = flow;
            }
        }

        RouterView view() {
            return new RouterView(router, messages, List.copyOf(mtus), valid, messages - valid, List.copyOf(flows));
        }
    }

    static String protocol(int protocol) {
        return switch (protocol) {
            case 6 -> "tcp";
            case 17 -> "udp";
            case 1 -> "icmp";
            case 58 -> "icmp6";
            default -> "proto-" + protocol;
        };
    }
}
