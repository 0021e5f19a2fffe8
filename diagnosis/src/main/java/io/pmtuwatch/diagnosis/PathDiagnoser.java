package io.pmtuwatch.diagnosis;

import io.pmtuwatch.diagnosis.internals.BlackHoleAnalyzer;
import io.pmtuwatch.diagnosis.internals.Completeness;
import io.pmtuwatch.diagnosis.internals.EcmpMembers;
import io.pmtuwatch.diagnosis.internals.FindingOrder;
import io.pmtuwatch.diagnosis.internals.HopListBuilder;
import io.pmtuwatch.diagnosis.internals.HopPositions;
import io.pmtuwatch.diagnosis.internals.MssFigures;
import io.pmtuwatch.diagnosis.internals.MtuDropLocator;
import io.pmtuwatch.diagnosis.internals.PathFacts;
import io.pmtuwatch.diagnosis.internals.PathIdentity;
import io.pmtuwatch.diagnosis.internals.PmtuEstimate;
import io.pmtuwatch.diagnosis.internals.PmtuResolver;
import io.pmtuwatch.diagnosis.internals.RunObservations;
import io.pmtuwatch.diagnosis.internals.RunProbeMethod;
import io.pmtuwatch.diagnosis.internals.ValidatedPtbs;
import io.pmtuwatch.diagnosis.internals.findings.EcmpNarrowMemberRule;
import io.pmtuwatch.diagnosis.internals.findings.FindingRule;
import io.pmtuwatch.diagnosis.internals.findings.InvalidPtbRule;
import io.pmtuwatch.diagnosis.internals.findings.MtuDropRule;
import io.pmtuwatch.diagnosis.internals.findings.MssClampedRule;
import io.pmtuwatch.diagnosis.internals.MssClamp;
import io.pmtuwatch.diagnosis.internals.findings.OkRule;
import io.pmtuwatch.diagnosis.internals.findings.OversizedMssRule;
import io.pmtuwatch.diagnosis.internals.findings.PmtudFailureRule;
import io.pmtuwatch.diagnosis.internals.findings.ReturnPathRule;
import io.pmtuwatch.diagnosis.internals.findings.UndersizedMssRule;
import io.pmtuwatch.diagnosis.internals.findings.UndersizedPmtuRule;
import io.pmtuwatch.schemas.BlackHole;
import io.pmtuwatch.schemas.DiagnosedHop;
import io.pmtuwatch.schemas.EcmpMember;
import io.pmtuwatch.schemas.Finding;
import io.pmtuwatch.schemas.HandshakeObservation;
import io.pmtuwatch.schemas.HopObservation;
import io.pmtuwatch.schemas.MtuDrop;
import io.pmtuwatch.schemas.PathDiagnosis;
import io.pmtuwatch.schemas.ReturnPath;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Turns one run's observations into its {@link PathDiagnosis}. Pure: no I/O, no clock, no state
 * (one instance may be shared by any number of threads), so the stream processor and the probe's
 * {@code trace} command give the same verdict for the same observations, in any order and with
 * duplicates.
 *
 * <p>The steps: deduplicate and order the observations; validate packet-too-bigs (ignored ones are
 * counted); search for a black hole; resolve the PMTU and how it was learned; place every MTU drop
 * on the path; build the hop list with the path MTU up to each hop; work out the MSS figures; apply
 * the rules of the seed's tables (see {@link io.pmtuwatch.diagnosis} for the table of findings and
 * severities); sort findings worst first; decide completeness.
 *
 * <p>The handshake may come from another run than the hops (e.g. the latest handshake of the path);
 * it must be of the same path.
 */
public final class PathDiagnoser {

    private static final List<FindingRule> RULES = List.of(
            new PmtudFailureRule(),
            new UndersizedPmtuRule(),
            new OversizedMssRule(),
            new UndersizedMssRule(),
            new MtuDropRule(),
            new MssClampedRule(),
            new InvalidPtbRule());
    private static final OkRule OK_RULE = new OkRule();
    private static final ReturnPathRule RETURN_PATH_RULE = new ReturnPathRule();
    private static final EcmpNarrowMemberRule ECMP_RULE = new EcmpNarrowMemberRule();

    /** Diagnoses a run that is known to be whole, e.g. the probe's one-shot trace. */
    public PathDiagnosis diagnose(List<HopObservation> hops, Optional<HandshakeObservation> handshake) {
        return diagnose(hops, handshake, DiagnosisContext.completeRun());
    }

    /**
     * @param hops      the run's hop observations, in any order, duplicates allowed; all of one path
     * @param handshake the path's TCP handshake, when one was measured
     * @param context   what the caller knows about the run (cut short? fallback time)
     * @throws IllegalArgumentException when there is nothing to diagnose, or observations of different
     *                                  paths or runs were mixed
     */
    public PathDiagnosis diagnose(List<HopObservation> hops, Optional<HandshakeObservation> handshake,
            DiagnosisContext context) {
        Objects.requireNonNull(hops, "hops");
        Objects.requireNonNull(handshake, "handshake");
        Objects.requireNonNull(context, "context");
        RunObservations run = RunObservations.of(hops);
        PathIdentity identity = PathIdentity.of(run, handshake);
        IpVersionRules rules = IpVersionRules.of(identity.target().getIpVersion());

        Optional<Integer> localMtu = run.localMtu().or(() -> handshake.map(HandshakeObservation::getLocalMtu));
        // With several ECMP flows, the path is the narrowest member's: its PTBs, black hole and hops.
        EcmpMembers ecmp = EcmpMembers.of(run, rules, localMtu);
        RunObservations path = ecmp.narrowest();
        ValidatedPtbs ptbs = ValidatedPtbs.of(path, rules);
        Optional<BlackHole> blackHole = BlackHoleAnalyzer.analyze(path, ptbs, localMtu);
        PmtuEstimate pmtu = PmtuResolver.resolve(ptbs, blackHole, localMtu, path);
        HopPositions positions = HopPositions.of(path);
        List<MtuDrop> drops = MtuDropLocator.locate(ptbs, positions, localMtu);
        List<DiagnosedHop> hopList = HopListBuilder.build(path, positions, drops, blackHole, localMtu, pmtu);
        MssFigures mss = MssFigures.of(handshake, rules, localMtu, pmtu);
        Optional<ReturnPath> returnPath = handshake.map(HandshakeObservation::getReturnPath);
        PathFacts facts = new PathFacts(identity.target(), rules, localMtu, pmtu, mss, hopList, drops,
                blackHole, ptbs, handshake.isPresent(), MssClamp.of(handshake), returnPath);

        List<Finding> findings = findings(facts, returnPath, ecmp.members());
        Completeness completeness = Completeness.of(run, handshake, identity.target(), context);
        Instant newest = newestTimestamp(run, handshake);
        Instant oldest = oldestTimestamp(run, handshake);
        if (newest.toEpochMilli() <= 0 && context.diagnosedAtFallback().isPresent()) {
            newest = context.diagnosedAtFallback().get();
        }

        return PathDiagnosis.newBuilder()
                .setPathId(identity.pathId())
                .setRunId(identity.runId())
                .setAgent(identity.agent())
                .setTarget(identity.target())
                .setDiagnosedAt(newest)
                .setFirstObservationAt(oldest != null ? oldest : newest)
                .setOrigin(identity.origin())
                .setPmtu(pmtu.pmtu().orElse(null))
                .setPmtuSource(pmtu.source())
                .setLocalMtu(localMtu.orElse(null))
                .setMss(mss.toSummary())
                .setHops(facts.hops())
                .setMtuDrops(facts.drops())
                .setBlackHole(blackHole.orElse(null))
                .setFindings(findings)
                .setStatus(FindingOrder.status(findings))
                .setComplete(completeness.complete())
                .setIncompleteReason(completeness.reason().orElse(null))
                .setProbesSent(probesSent(run))
                .setInvalidPtbCount((path == run ? ptbs : ValidatedPtbs.of(run, rules)).ignoredCount())
                .setEcmpMembers(ecmp.members())
                .setProbeMethod(RunProbeMethod.of(run.all()))
                .setReturnPath(returnPath.orElse(null))
                // Not the diagnoser's to say (the path tracker sets it); given as its default, null, so that
                // build() does not look the schema's default up, which Avro does on every build.
                .setStatusSince(null)
                .build();
    }

    private static List<Finding> findings(PathFacts facts, Optional<ReturnPath> returnPath,
            List<EcmpMember> members) {
        List<Finding> findings = new ArrayList<>();
        for (FindingRule rule : RULES) {
            findings.addAll(rule.apply(facts));
        }
        findings.addAll(RETURN_PATH_RULE.apply(returnPath, facts.rules(), facts.target().getAddress()));
        findings.addAll(ECMP_RULE.apply(members, facts.rules()));
        findings.addAll(OK_RULE.apply(facts, findings));
        findings.sort(FindingOrder.WORST_FIRST);
        return List.copyOf(findings);
    }

    private static int probesSent(RunObservations run) {
        int seen = 0;
        Integer declared = null;
        for (HopObservation o : run.all()) {
            if (o.getRunId() != null) {
                seen++;
            }
            Integer count = o.getRunProbeCount();
            if (count != null && (declared == null || count > declared)) {
                declared = count;
            }
        }
        return declared == null ? seen : Math.max(declared, seen);
    }

    private static Instant newestTimestamp(RunObservations run, Optional<HandshakeObservation> handshake) {
        Instant newest = null;
        for (HopObservation o : run.all()) {
            if (newest == null || o.getTimestamp().compareTo(newest) > 0) {
                newest = o.getTimestamp();
            }
        }
        if (handshake.isPresent() && (newest == null || handshake.get().getTimestamp().compareTo(newest) > 0)) {
            newest = handshake.get().getTimestamp();
        }
        return newest == null ? Instant.EPOCH : newest;
    }

    /** The oldest usable (non-zero) timestamp; null without one. */
    private static Instant oldestTimestamp(RunObservations run, Optional<HandshakeObservation> handshake) {
        Instant oldest = null;
        for (HopObservation o : run.all()) {
            oldest = older(oldest, o.getTimestamp());
        }
        if (handshake.isPresent()) {
            oldest = older(oldest, handshake.get().getTimestamp());
        }
        return oldest;
    }

    private static Instant older(Instant oldest, Instant candidate) {
        return candidate.toEpochMilli() > 0 && (oldest == null || candidate.compareTo(oldest) < 0) ? candidate : oldest;
    }
}
