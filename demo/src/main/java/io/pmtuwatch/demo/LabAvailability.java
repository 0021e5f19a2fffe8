package io.pmtuwatch.demo;

import java.nio.file.Files;
import java.nio.file.Path;

/** Whether this machine can build the namespace lab, and if not, why (shown to the user). */
final class LabAvailability {

    private LabAvailability() {
    }

    /** Null when the lab can be built; otherwise the reason it cannot. */
    static String whyNot() {
        if (!System.getProperty("os.name", "").toLowerCase().contains("linux")) {
            return "the lab needs Linux network namespaces";
        }
        if (!"root".equals(System.getProperty("user.name"))) {
            return "the lab needs root: run as root for live probing";
        }
        for (String tool : new String[] {"/usr/sbin/ip", "/usr/sbin/iptables", "/usr/sbin/ip6tables"}) {
            if (!Files.isExecutable(Path.of(tool))) {
                return tool + " is missing (apt-get install iproute2 iptables)";
            }
        }
        return null;
    }
}
