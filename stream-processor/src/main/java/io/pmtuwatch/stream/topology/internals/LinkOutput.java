package io.pmtuwatch.stream.topology.internals;

import io.pmtuwatch.schemas.AnomalyWindow;
import io.pmtuwatch.schemas.LinkMtu;

/** What the link aggregator emits: a link record, a link tombstone, or a link anomaly (all keyed by link id). */
public record LinkOutput(LinkMtu link, boolean tombstone, AnomalyWindow anomaly) {

    static LinkOutput ofLink(LinkMtu link) {
        return new LinkOutput(link, false, null);
    }

    static LinkOutput ofTombstone() {
        return new LinkOutput(null, true, null);
    }

    static LinkOutput ofAnomaly(AnomalyWindow anomaly) {
        return new LinkOutput(null, false, anomaly);
    }

    public boolean isLinkUpdate() {
        return link != null || tombstone;
    }

    public boolean isAnomaly() {
        return anomaly != null;
    }
}
