package io.pmtuwatch.diagnosis.internals;

import io.pmtuwatch.schemas.BlackHole;
import io.pmtuwatch.schemas.PmtuSource;
import io.pmtuwatch.schemas.ProbePhase;
import java.util.Optional;

/**
 * Picks the path MTU from what the run proved, most specific evidence first.
 *
 * <ol>
 *   <li>A validated packet-too-big: the smallest reported MTU (PTBs only lower a PMTU).</li>
 *   <li>A detected black hole: the largest size that still reached the target. When both exist the
 *       smaller wins; a black hole below a PTB's MTU is exactly what makes packets vanish.</li>
 *   <li>Otherwise the local interface MTU, but only once a probe of that size reached the target:
 *       silence proves nothing.</li>
 *   <li>Without a known local MTU, or when a size search never got a full-size probe through, the
 *       largest size that reached the target (a lower bound, reported as SIZE_SEARCH).</li>
 * </ol>
 */
public final class PmtuResolver {

    private PmtuResolver() {
    }

    public static PmtuEstimate resolve(ValidatedPtbs ptbs, Optional<BlackHole> blackHole, Optional<Integer> localMtu,
            RunObservations run) {
        Optional<PmtuEstimate> fromPtb = ptbs.smallest().map(ptb -> new PmtuEstimate(
                Optional.of(ptb.getReportedMtu()), PmtuSource.PTB, Optional.ofNullable(ptb.getResponder())));
        Optional<PmtuEstimate> fromBlackHole = blackHole
                .filter(BlackHole::getDetected)
                .filter(hole -> hole.getLargestOk() != null)
                .map(hole -> new PmtuEstimate(Optional.of(hole.getLargestOk()), PmtuSource.SIZE_SEARCH,
                        Optional.ofNullable(hole.getRouter())));
        if (fromPtb.isPresent() && fromBlackHole.isPresent()) {
            return fromBlackHole.get().value() < fromPtb.get().value() ? fromBlackHole.get() : fromPtb.get();
        }
        if (fromPtb.isPresent()) {
            return fromPtb.get();
        }
        if (fromBlackHole.isPresent()) {
            return fromBlackHole.get();
        }
        Optional<Integer> largestReached = run.largestSizeThatReachedTarget();
        if (largestReached.isEmpty()) {
            return PmtuEstimate.unknown();
        }
        if (localMtu.isPresent() && largestReached.get() >= localMtu.get()) {
            return new PmtuEstimate(localMtu, PmtuSource.LOCAL_INTERFACE, Optional.empty());
        }
        boolean searched = run.anyInPhase(ProbePhase.SIZE_SEARCH);
        if (localMtu.isEmpty() || searched) {
            return new PmtuEstimate(largestReached, PmtuSource.SIZE_SEARCH, Optional.empty());
        }
        return PmtuEstimate.unknown();
    }
}
