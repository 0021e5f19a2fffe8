package io.pmtuwatch.stream.topology.anomaly;

import java.util.ArrayList;
import java.util.List;

/** A path's recent PMTUs (the baseline) and its open PMTU_DROP window, if any. */
public final class PmtuDropState {
    public List<Integer> recent = new ArrayList<>();
    public OpenWindow open;
}
