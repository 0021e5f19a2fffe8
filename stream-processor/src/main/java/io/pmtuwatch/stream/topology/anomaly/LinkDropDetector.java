package io.pmtuwatch.stream.topology.anomaly;

import io.pmtuwatch.schemas.AnomalyKind;
import io.pmtuwatch.schemas.AnomalyState;
import io.pmtuwatch.schemas.AnomalyWindow;
import io.pmtuwatch.schemas.SubjectType;
import io.pmtuwatch.stream.config.AnomalySettings;

import java.util.ArrayList;
import java.util.List;

/**
 * A link whose MTU drop is reported by at least the configured number of agents within the window:
 * the drop is a property of the network, not of one vantage point. The window closes when too few
 * agents have reported it recently.
 *
 * <p>Two clocks: {@code nowMs} (arrival time) decides who is still recent, so a replay of old data
 * does not close everything at once; {@code eventMs} (the report's diagnosis time) is what the
 * records say.
 */
public final class LinkDropDetector {

    /** Bounds the per-link agent list: beyond this, the count is enough evidence. */
    static final int MAX_TRACKED_AGENTS = 256;

    private final AnomalySettings settings;

    public LinkDropDetector(AnomalySettings settings) {
        this.settings = settings;
    }

    public List<AnomalyWindow> onReport(LinkDropState state, String linkId, String agentId, String pathId, int mtu,
                                        long nowMs, long eventMs) {
        boolean newAgent = state.agents.remove(agentId) == null;
        state.agents.put(agentId, nowMs);
        while (state.agents.size() > MAX_TRACKED_AGENTS) {
            state.agents.remove(state.agents.keySet().iterator().next());
        }
        state.lastReportMs = Math.max(state.lastReportMs, eventMs);
        prune(state, nowMs);
        OpenWindow open = state.open;
        if (open == null) {
            if (state.agents.size() >= settings.linkMinAgents()) {
                open = OpenWindow.open(AnomalyKind.LINK_MTU_DROP, SubjectType.LINK, linkId, null, eventMs);
                open.count = 1;
                open.worstPmtu = mtu;
                open.agents.addAll(state.agents.keySet());
                open.paths.add(pathId);
                state.open = open;
                return List.of(open.record(AnomalyState.OPENED, eventMs, message(open, linkId)));
            }
            return List.of();
        }
        open.count++;
        open.lastUpdateMs = eventMs;
        boolean changed = false;
        if (!open.agents.contains(agentId) && open.agents.size() < MAX_TRACKED_AGENTS) {
            open.agents.add(agentId);
            changed = true;
        }
        if (!open.paths.contains(pathId) && open.paths.size() < MAX_TRACKED_AGENTS) {
            open.paths.add(pathId);
        }
        if (mtu < open.worstPmtu) {
            open.worstPmtu = mtu;
            changed = true;
        }
        return changed || newAgent ? List.of(open.record(AnomalyState.UPDATED, eventMs, message(open, linkId))) : List.of();
    }

    /** Periodic check: closes the window when too few agents reported the drop within the window. */
    public List<AnomalyWindow> onTick(LinkDropState state, String linkId, long nowMs) {
        prune(state, nowMs);
        OpenWindow open = state.open;
        if (open != null && state.agents.size() < settings.linkMinAgents()) {
            state.open = null;
            return List.of(open.record(AnomalyState.CLOSED, Math.max(state.lastReportMs, open.startMs),
                    "fewer than " + settings.linkMinAgents() + " agents reported the MTU drop on " + linkId + " within "
                            + settings.linkWindow().toMinutes() + " min"));
        }
        return List.of();
    }

    public List<AnomalyWindow> close(LinkDropState state, String why) {
        OpenWindow open = state.open;
        state.open = null;
        return open == null ? List.of() : List.of(open.record(AnomalyState.CLOSED, Math.max(state.lastReportMs, open.startMs), why));
    }

    private void prune(LinkDropState state, long nowMs) {
        long oldest = nowMs - settings.linkWindow().toMillis();
        List<String> old = new ArrayList<>();
        state.agents.forEach((agent, seen) -> {
            if (seen < oldest) {
                old.add(agent);
            }
        });
        old.forEach(state.agents::remove);
    }

    private static String message(OpenWindow open, String linkId) {
        return open.agents.size() + " agents see the MTU drop to " + open.worstPmtu + " on link " + linkId
                + ": a property of the network, not of one vantage point";
    }
}
