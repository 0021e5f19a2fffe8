package io.pmtuwatch.probe.packet;

import java.util.EnumSet;
import java.util.Set;

/** Helpers over the bit set of {@link Encapsulation}s a frame carried. Pure. */
public final class Encapsulations {

    private Encapsulations() {
    }

    public static boolean has(int bits, Encapsulation encapsulation) {
        return (bits & encapsulation.bit()) != 0;
    }

    public static Set<Encapsulation> of(int bits) {
        Set<Encapsulation> set = EnumSet.noneOf(Encapsulation.class);
        for (Encapsulation e : Encapsulation.values()) {
            if (has(bits, e)) {
                set.add(e);
            }
        }
        return set;
    }

    /** The bit of an IP-in-IP tunnel, by outer and inner version. */
    static int ipInIp(int outerVersion, int innerVersion) {
        if (outerVersion == 4) {
            return innerVersion == 4 ? Encapsulation.IPV4_IN_IPV4.bit() : Encapsulation.IPV6_IN_IPV4.bit();
        }
        return innerVersion == 4 ? Encapsulation.IPV4_IN_IPV6.bit() : Encapsulation.IPV6_IN_IPV6.bit();
    }
}
