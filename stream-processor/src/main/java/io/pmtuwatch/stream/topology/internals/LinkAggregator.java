package io.pmtuwatch.stream.topology.internals;

import io.pmtuwatch.schemas.AnomalyWindow;
import io.pmtuwatch.stream.config.AgeingSettings;
import io.pmtuwatch.stream.config.AnomalySettings;
import io.pmtuwatch.stream.metrics.PipelineMetrics;
import io.pmtuwatch.stream.metrics.PipelineMetrics.Counter;
import io.pmtuwatch.stream.topology.anomaly.LinkDropDetector;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

import java.util.ArrayList;
import java.util.List;

/**
 * The per-link view: reports of one link from every path meet here (after the repartition by link
 * id). Paths and agents that cross a link are members, one store key each, so counts stay exact
 * without rewriting a growing set on every report; members that stop reporting drop out after the
 * path retention, links after the link retention (with a tombstone on the compacted links topic).
 */
public final class LinkAggregator implements Processor<String, LinkReport, String, LinkOutput> {

    public static final String LINKS_STORE = "links";
    public static final String LINK_MEMBERS_STORE = "link-members";

    private static final char SEPARATOR = '\u0000';
    private static final StringSerializer KEY_SERIALIZER = new StringSerializer();

    private final AgeingSettings ageing;
    private final PipelineMetrics metrics;
    private final LinkDropDetector detector;

    private ProcessorContext<String, LinkOutput> context;
    private KeyValueStore<String, LinkState> links;
    private KeyValueStore<String, Long> members;

    public LinkAggregator(AnomalySettings anomalies, AgeingSettings ageing, PipelineMetrics metrics) {
        this.ageing = ageing;
        this.metrics = metrics;
        this.detector = new LinkDropDetector(anomalies);
    }

    @Override
    public void init(ProcessorContext<String, LinkOutput> context) {
        this.context = context;
        this.links = context.getStateStore(LINKS_STORE);
        this.members = context.getStateStore(LINK_MEMBERS_STORE);
        context.schedule(ageing.scanInterval(), PunctuationType.WALL_CLOCK_TIME, this::ageOut);
    }

    @Override
    public void process(Record<String, LinkReport> record) {
        LinkReport report = record.value();
        String linkId = record.key();
        long now = context.currentSystemTimeMs();
        LinkState state = links.get(linkId);
        if (state == null) {
            state = new LinkState();
            state.linkId = linkId;
            state.firstSeenMs = report.atMs;
        }
        if (report.atMs >= state.lastSeenMs) {
            // The latest report describes the link now (an MTU can be reconfigured).
            state.router = report.router;
            state.nextHop = report.nextHop;
            state.ipVersion = report.ipVersion;
            state.mtu = report.mtu;
            state.fromMtu = report.fromMtu;
            state.likelyCause = report.likelyCause;
            state.lastSeenMs = report.atMs;
        }
        state.firstSeenMs = Math.min(state.firstSeenMs, report.atMs);
        state.lastSeenWallMs = now;
        if (addMember(linkId, 'p', report.pathId, now)) {
            state.pathCount++;
        }
        if (addMember(linkId, 'a', report.agentId, now)) {
            state.agentCount++;
        }
        LinkState.touch(state.recentPaths, report.pathId, ageing.linkMaxListed());
        LinkState.touch(state.recentAgents, report.agentId, ageing.linkMaxListed());
        List<AnomalyWindow> events = detector.onReport(state.drop, linkId, report.agentId, report.pathId, report.mtu, now,
                report.atMs);
        maybePublish(linkId, state);
        links.put(linkId, state);
        forwardAnomalies(linkId, events);
    }

    // A member's last-seen time is rewritten only when it is a tenth of the path retention old: a path
    // reports every run, and one store write (and changelog record) per link per report was the
    // link view's main cost. Expiry allows for that tenth, so a member still leaves only after the
    // path retention (at most a tenth later).
    private boolean addMember(String linkId, char type, String member, long now) {
        String key = memberKey(linkId, type, member);
        Long seen = members.get(key);
        if (seen == null || now - seen >= memberRefreshMs()) {
            members.put(key, now);
        }
        return seen == null;
    }

    private long memberRefreshMs() {
        return ageing.pathRetention().toMillis() / 10;
    }

    private void maybePublish(String linkId, LinkState state) {
        String digest = state.digest();
        boolean changed = !digest.equals(state.lastPublishedDigest);
        boolean refresh = state.lastSeenMs - state.lastPublishedLastSeenMs >= ageing.linkRefresh().toMillis();
        if (changed || refresh) {
            state.lastPublishedDigest = digest;
            state.lastPublishedLastSeenMs = state.lastSeenMs;
            metrics.increment(Counter.LINK_UPDATES_OUT);
            context.forward(new Record<>(linkId, LinkOutput.ofLink(state.toRecord()), context.currentSystemTimeMs()));
        }
    }

    private void ageOut(long nowWallMs) {
        List<KeyValue<String, LinkState>> all = new ArrayList<>();
        try (KeyValueIterator<String, LinkState> it = links.all()) {
            it.forEachRemaining(all::add);
        }
        long linkOldest = nowWallMs - ageing.linkRetention().toMillis();
        long memberOldest = nowWallMs - ageing.pathRetention().toMillis() - memberRefreshMs();
        for (KeyValue<String, LinkState> entry : all) {
            String linkId = entry.key;
            LinkState state = entry.value;
            if (state.lastSeenWallMs < linkOldest) {
                List<AnomalyWindow> events = detector.close(state.drop, "no agent has reported link " + linkId + " for "
                        + ageing.linkRetention().toHours() + " h");
                for (String key : memberKeys(linkId, Long.MAX_VALUE).all) {
                    members.delete(key);
                }
                links.delete(linkId);
                metrics.increment(Counter.LINKS_AGED_OUT);
                metrics.increment(Counter.LINK_UPDATES_OUT);
                context.forward(new Record<>(linkId, LinkOutput.ofTombstone(), context.currentSystemTimeMs()));
                forwardAnomalies(linkId, events);
                continue;
            }
            Members old = memberKeys(linkId, memberOldest);
            for (String key : old.expired) {
                members.delete(key);
                String member = key.substring(linkId.length() + 3);
                if (key.charAt(linkId.length() + 1) == 'p') {
                    state.pathCount--;
                    state.recentPaths.remove(member);
                } else {
                    state.agentCount--;
                    state.recentAgents.remove(member);
                }
            }
            List<AnomalyWindow> events = detector.onTick(state.drop, linkId, nowWallMs);
            if (!old.expired.isEmpty() || !events.isEmpty()) {
                maybePublish(linkId, state);
                links.put(linkId, state);
            }
            forwardAnomalies(linkId, events);
        }
    }

    private Members memberKeys(String linkId, long oldestWallMs) {
        Members out = new Members();
        try (KeyValueIterator<String, Long> it = members.prefixScan(linkId + SEPARATOR, KEY_SERIALIZER)) {
            while (it.hasNext()) {
                KeyValue<String, Long> next = it.next();
                out.all.add(next.key);
                if (next.value < oldestWallMs) {
                    out.expired.add(next.key);
                }
            }
        }
        return out;
    }

    private void forwardAnomalies(String linkId, List<AnomalyWindow> events) {
        for (AnomalyWindow event : events) {
            metrics.increment(Counter.ANOMALIES_OUT);
            context.forward(new Record<>(linkId, LinkOutput.ofAnomaly(event), context.currentSystemTimeMs()));
        }
    }

    static String memberKey(String linkId, char type, String member) {
        return linkId + SEPARATOR + type + SEPARATOR + member;
    }

    private static final class Members {
        final List<String> all = new ArrayList<>();
        final List<String> expired = new ArrayList<>();
    }
}
