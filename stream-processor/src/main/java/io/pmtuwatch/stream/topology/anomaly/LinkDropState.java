package io.pmtuwatch.stream.topology.anomaly;

import java.util.LinkedHashMap;
import java.util.Map;

/** Agents that recently reported a link's MTU drop (agent -> liveness time of its latest report) and the open window. */
public final class LinkDropState {
    public Map<String, Long> agents = new LinkedHashMap<>();
    public long lastReportMs;
    public OpenWindow open;
}
