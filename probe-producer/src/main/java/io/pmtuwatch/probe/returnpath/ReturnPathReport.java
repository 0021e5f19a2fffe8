package io.pmtuwatch.probe.returnpath;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pmtuwatch.schemas.ReturnPath;

/** The return-path figures in {@code trace}'s table and JSON. Pure. */
public final class ReturnPathReport {

    private ReturnPathReport() {
    }

    /** One or two lines for the table, each ending in a newline. */
    public static String lines(ReturnPath rp) {
        StringBuilder s = new StringBuilder("Back ").append(rp.getOutcome()).append(" (")
                .append(rp.getRequest()).append(", ").append(rp.getMethod()).append("): ");
        if (rp.getLargestSegment() != null) {
            s.append("largest segment ").append(rp.getLargestSegment()).append(" (").append(rp.getLargestPacket())
                    .append("-byte packets), ");
        }
        s.append("target MSS ").append(rp.getTargetMss() == null ? "-" : rp.getTargetMss()).append(", ")
                .append(rp.getBytesReceived()).append(" bytes in order");
        if (rp.getOutOfOrderSegments() > 0) {
            s.append(", ").append(rp.getOutOfOrderSegments()).append(" beyond a hole");
        }
        s.append(String.format(", %.0f ms%n", rp.getDurationMicros() / 1000.0));
        if (rp.getPtbMtu() != null) {
            s.append("     packet-too-big ").append(rp.getPtbMtu()).append(" sent: the target ")
                    .append(Boolean.TRUE.equals(rp.getShrankAfterPtb()) ? "resent smaller, the data arrived"
                            : "sent nothing that fits").append('\n');
        }
        if (rp.getError() != null) {
            s.append("     (").append(rp.getError()).append(")\n");
        }
        return s.toString();
    }

    public static void json(ReturnPath rp, ObjectNode n) {
        n.put("outcome", rp.getOutcome().name());
        n.put("request", rp.getRequest().name());
        n.put("method", rp.getMethod().name());
        putInt(n, "target_mss", rp.getTargetMss());
        putInt(n, "mss_advertised", rp.getMssAdvertised());
        putInt(n, "largest_segment", rp.getLargestSegment());
        putInt(n, "largest_packet", rp.getLargestPacket());
        n.put("segments_received", rp.getSegmentsReceived());
        n.put("bytes_received", rp.getBytesReceived());
        n.put("out_of_order_segments", rp.getOutOfOrderSegments());
        putInt(n, "ptb_mtu", rp.getPtbMtu());
        if (rp.getShrankAfterPtb() == null) {
            n.putNull("shrank_after_ptb");
        } else {
            n.put("shrank_after_ptb", rp.getShrankAfterPtb());
        }
        putInt(n, "largest_after_ptb", rp.getLargestAfterPtb());
        n.put("elapsed_ms", Math.round(rp.getDurationMicros() / 10.0) / 100.0);
        if (rp.getError() == null) {
            n.putNull("note");
        } else {
            n.put("note", rp.getError());
        }
    }

    private static void putInt(ObjectNode n, String field, Integer value) {
        if (value == null) {
            n.putNull(field);
        } else {
            n.put(field, value);
        }
    }
}
