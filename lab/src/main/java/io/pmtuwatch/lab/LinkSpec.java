package io.pmtuwatch.lab;

/**
 * One link of a chain. A VXLAN link is a real overlay: a 1500-byte veth underlay carrying VXLAN
 * (UDP 4789) whose device MTU is 1450, so the router in front of it refuses bigger packets exactly
 * as a tunnel entry point does.
 */
public record LinkSpec(int mtu, boolean vxlan) {

    public static final int VXLAN_OVERHEAD = 50;
    public static final int UNDERLAY_MTU = 1500;

    public static LinkSpec veth(int mtu) {
        if (mtu < 68) {
            throw new IllegalArgumentException("link MTU below the IPv4 minimum 68: " + mtu);
        }
        return new LinkSpec(mtu, false);
    }

    public static LinkSpec vxlanOverlay() {
        return new LinkSpec(UNDERLAY_MTU - VXLAN_OVERHEAD, true);
    }

    /** IPv6 needs 1280 on every link; a narrower link simply carries no IPv6. */
    public boolean carriesIpv6() {
        return mtu >= 1280;
    }
}
