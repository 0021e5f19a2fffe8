package io.pmtuwatch.stream.topology.anomaly;

import java.util.ArrayList;
import java.util.List;

/** A path's last PMTU, the times it changed within the window, and its open PMTU_FLAPPING window. */
public final class FlappingState {
    public Integer lastPmtu;
    public List<Long> changeTimes = new ArrayList<>();
    public List<Integer> values = new ArrayList<>();
    public OpenWindow open;
}
