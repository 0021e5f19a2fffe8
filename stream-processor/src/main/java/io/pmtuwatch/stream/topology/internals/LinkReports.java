package io.pmtuwatch.stream.topology.internals;

import io.pmtuwatch.schemas.MtuDrop;
import io.pmtuwatch.schemas.PathDiagnosis;
import org.apache.kafka.streams.KeyValue;

import java.util.ArrayList;
import java.util.List;

/** Splits a diagnosis into one report per MTU drop, keyed by link id. */
public final class LinkReports {

    /** Next hop of a link whose far end is unknown (silent hop after the router). */
    public static final String UNKNOWN_NEXT_HOP = "*";

    private LinkReports() {
    }

    public static List<KeyValue<String, LinkReport>> of(PathDiagnosis diagnosis) {
        List<KeyValue<String, LinkReport>> out = new ArrayList<>(diagnosis.getMtuDrops().size());
        for (MtuDrop drop : diagnosis.getMtuDrops()) {
            LinkReport report = new LinkReport();
            report.linkId = io.pmtuwatch.schemas.LinkIds.of(diagnosis, drop);
            report.router = drop.getRouter();
            report.nextHop = drop.getNextHop();
            report.ipVersion = diagnosis.getTarget().getIpVersion().name();
            report.mtu = drop.getToMtu();
            report.fromMtu = drop.getFromMtu();
            report.likelyCause = drop.getLikelyCause();
            report.pathId = diagnosis.getPathId();
            report.agentId = diagnosis.getAgent().getId();
            report.atMs = diagnosis.getDiagnosedAt().toEpochMilli();
            out.add(KeyValue.pair(report.linkId, report));
        }
        return out;
    }
}
