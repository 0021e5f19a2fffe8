package io.pmtuwatch.probe.packet;

import java.util.Optional;

/**
 * Link-layer header types (pcap LINKTYPE_/DLT_ values) the decoder understands. pcap4j does not
 * know Linux cooked v2 (276), so we map the raw numbers ourselves.
 */
public enum LinkType {
    /** BSD loopback: 4-byte address family in host byte order. */
    NULL(0),
    ETHERNET(1),
    /** Raw IP as DLT_RAW on Linux/most BSDs. */
    RAW_DLT12(12),
    /** Raw IP as DLT_RAW on OpenBSD. */
    RAW_DLT14(14),
    /** LINKTYPE_RAW as written in capture files. */
    RAW(101),
    /** Linux cooked capture v1 ("any" device). */
    LINUX_SLL(113),
    IPV4(228),
    IPV6(229),
    /** Linux cooked capture v2. */
    LINUX_SLL2(276);

    private final int dlt;

    LinkType(int dlt) {
        this.dlt = dlt;
    }

    public int dlt() {
        return dlt;
    }

    public static Optional<LinkType> ofDlt(int dlt) {
        for (LinkType type : values()) {
            if (type.dlt == dlt) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
