package io.pmtuwatch.stream.topology;

import io.pmtuwatch.stream.config.ProcessorConfig;

import java.net.InetAddress;
import java.util.Locale;
import java.util.Optional;

/**
 * The static group membership id of an instance (see {@code instance.id}). Derived by default from
 * the host name and the state directory: stable across restarts of one instance, different for two
 * instances on one host (they cannot share a state directory anyway).
 */
final class InstanceIds {

    static final String NONE = "none";

    private InstanceIds() {
    }

    static Optional<String> of(ProcessorConfig config) {
        String configured = config.operations().instanceId();
        if (NONE.equalsIgnoreCase(configured)) {
            return Optional.empty();
        }
        if (!configured.isBlank()) {
            return Optional.of(configured);
        }
        String stateDir = config.stateDir().toAbsolutePath().normalize().toString();
        return Optional.of(config.applicationId() + "-" + hostName() + "-" + Integer.toHexString(stateDir.hashCode()));
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9.-]", "-");
        } catch (Exception e) {
            return "host";
        }
    }
}
