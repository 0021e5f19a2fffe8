package io.pmtuwatch.demo;

import io.pmtuwatch.schemas.BlackHole;
import io.pmtuwatch.schemas.Finding;
import io.pmtuwatch.schemas.MtuDrop;
import io.pmtuwatch.schemas.PathDiagnosis;
import io.pmtuwatch.schemas.PmtuSource;
import io.pmtuwatch.schemas.Severity;
import java.util.List;

/**
 * What a verdict says about a path, without what differs from run to run by nature (ids, times, RTTs,
 * probe counts) or what is this host's own state (the SYN its route cache shrank): the codes and
 * figures that must be the same every time the same path is diagnosed.
 */
record VerdictFacts(Severity status, Integer pmtu, PmtuSource pmtuSource, Integer localMtu, Integer mssSent,
                    Integer mssReceived, Integer mssEffective, List<MtuDrop> drops, BlackHoleFacts blackHole,
                    List<Finding> findings) {

    record BlackHoleFacts(boolean detected, String router, Integer largestOk, Integer smallestLost) {
    }

    static VerdictFacts of(PathDiagnosis d) {
        BlackHole b = d.getBlackHole();
        return new VerdictFacts(d.getStatus(), d.getPmtu(), d.getPmtuSource(), d.getLocalMtu(),
                d.getMss().getSent(), d.getMss().getReceived(), d.getMss().getEffective(), d.getMtuDrops(),
                b == null ? null : new BlackHoleFacts(b.getDetected(), b.getRouter(), b.getLargestOk(),
                        b.getSmallestLost()),
                d.getFindings());
    }

    List<String> codes() {
        return findings.stream().map(f -> f.getSeverity() + " " + f.getCode()).toList();
    }
}
