package io.pmtuwatch.diagnosis.internals;

import io.pmtuwatch.diagnosis.IpVersionRules;
import io.pmtuwatch.schemas.HopObservation;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A run's packet-too-big observations split into the usable ones and the ignored ones (with why). */
public record ValidatedPtbs(List<HopObservation> valid, Map<HopObservation, String> ignored) {

    public static ValidatedPtbs of(RunObservations run, IpVersionRules rules) {
        List<HopObservation> valid = new ArrayList<>();
        Map<HopObservation, String> ignored = new LinkedHashMap<>();
        for (HopObservation ptb : run.matching(PtbValidator::isPtb)) {
            Optional<String> rejection = PtbValidator.rejection(ptb, rules);
            if (rejection.isPresent()) {
                ignored.put(ptb, rejection.get());
            } else {
                valid.add(ptb);
            }
        }
        return new ValidatedPtbs(List.copyOf(valid), ignored);
    }

    /** The smallest usable reported MTU: PTBs only ever lower a path MTU. */
    public Optional<HopObservation> smallest() {
        return valid.stream().min(Comparator.comparingInt(HopObservation::getReportedMtu));
    }

    public int ignoredCount() {
        return ignored.size();
    }
}
