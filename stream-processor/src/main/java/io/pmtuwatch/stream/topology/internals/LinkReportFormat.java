package io.pmtuwatch.stream.topology.internals;

/** Compact form of a {@link LinkReport} (the links-by-link repartition topic). */
public final class LinkReportFormat implements CompactSerde.Format<LinkReport> {

    public static CompactSerde<LinkReport> serde() {
        return new CompactSerde<>(LinkReport.class, new LinkReportFormat());
    }

    @Override
    public int version() {
        return 1;
    }

    @Override
    public void write(BinaryWriter out, LinkReport report) {
        out.writeString(report.linkId)
                .writeString(report.router)
                .writeString(report.nextHop)
                .writeString(report.ipVersion)
                .writeSignedVarInt(report.mtu)
                .writeNullableInt(report.fromMtu)
                .writeString(report.likelyCause)
                .writeString(report.pathId)
                .writeString(report.agentId)
                .writeLong(report.atMs);
    }

    @Override
    public LinkReport read(BinaryReader in, int version) {
        LinkReport report = new LinkReport();
        report.linkId = in.readString();
        report.router = in.readString();
        report.nextHop = in.readString();
        report.ipVersion = in.readString();
        report.mtu = in.readSignedVarInt();
        report.fromMtu = in.readNullableInt();
        report.likelyCause = in.readString();
        report.pathId = in.readString();
        report.agentId = in.readString();
        report.atMs = in.readLong();
        return report;
    }
}
