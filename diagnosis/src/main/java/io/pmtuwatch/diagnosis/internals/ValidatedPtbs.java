package io.pmtuwatch.diagnosis.internals;

import io.pmtuwatch.diagnosis.IpVersionRules;
import io.pmtuwatch.schemas.HopObservation;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A run's packet-too-big observations split into the usable ones and the ignored ones (with why). */
public final class ValidatedPtbs {

    private final List<HopObservation> valid;
    private final Map<HopObservation, String> ignored;
    /** Read by the black-hole search, the PMTU and the drops: found once. */
    private final Optional<HopObservation> smallest;

    private ValidatedPtbs(List<HopObservation> valid, Map<HopObservation, String> ignored) {
        this.valid = Collections.unmodifiableList(valid);
        this.ignored = Collections.unmodifiableMap(ignored);
        HopObservation min = null;
        for (HopObservation ptb : valid) {
            // The first of equal MTUs, in probe order.
            if (min == null || ptb.getReportedMtu() < min.getReportedMtu()) {
                min = ptb;
            }
        }
        this.smallest = Optional.ofNullable(min);
    }

    public static ValidatedPtbs of(RunObservations run, IpVersionRules rules) {
        List<HopObservation> valid = new ArrayList<>();
        Map<HopObservation, String> ignored = Map.of();
        for (HopObservation ptb : run.all()) {
            if (!PtbValidator.isPtb(ptb)) {
                continue;
            }
            Optional<String> rejection = PtbValidator.rejection(ptb, rules);
            if (rejection.isPresent()) {
                if (ignored.isEmpty()) {
                    ignored = new LinkedHashMap<>();
                }
                ignored.put(ptb, rejection.get());
            } else {
                valid.add(ptb);
            }
        }
        return new ValidatedPtbs(valid, ignored);
    }

    /** The usable packet-too-bigs, in probe order. */
    public List<HopObservation> valid() {
        return valid;
    }

    /** The ignored packet-too-bigs, in probe order, with why. */
    public Map<HopObservation, String> ignored() {
        return ignored;
    }

    /** The smallest usable reported MTU: PTBs only ever lower a path MTU. */
    public Optional<HopObservation> smallest() {
        return smallest;
    }

    public int ignoredCount() {
        return ignored.size();
    }
}
