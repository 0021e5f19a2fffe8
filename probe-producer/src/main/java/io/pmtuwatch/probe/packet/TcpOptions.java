package io.pmtuwatch.probe.packet;

/**
 * The TCP options that matter for MSS diagnosis, as found in one segment.
 *
 * @param mss            MSS option value, null when absent
 * @param windowScale    window scale shift, null when absent
 * @param sackPermitted  SACK-permitted option present
 * @param tsValue        timestamp value, null when the timestamps option is absent
 * @param tsEcho         timestamp echo reply, null when the timestamps option is absent
 * @param malformed      the option list was cut short or carried an impossible length; what came before is kept
 */
public record TcpOptions(Integer mss, Integer windowScale, boolean sackPermitted, Long tsValue, Long tsEcho,
                         boolean malformed) {

    public static final TcpOptions NONE = new TcpOptions(null, null, false, null, null, false);

    public boolean timestamps() {
        return tsValue != null;
    }
}
