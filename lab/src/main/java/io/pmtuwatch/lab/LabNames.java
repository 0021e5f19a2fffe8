package io.pmtuwatch.lab;

import java.security.SecureRandom;
import java.util.Optional;

/**
 * Namespace names of a lab: {@code pw<pid>x<random>-<role>}. The pid says which process owns a
 * namespace, so a later run can delete what a killed run left behind without touching a lab that
 * another live process (a parallel test run) is using; the random part keeps labs of one process apart.
 */
public final class LabNames {

    static final String PREFIX = "pw";
    private static final SecureRandom RANDOM = new SecureRandom();

    private LabNames() {
    }

    static String newLabId() {
        return PREFIX + ProcessHandle.current().pid() + "x" + Integer.toString(RANDOM.nextInt(1 << 20), 36);
    }

    static String namespace(String labId, String role) {
        return labId + "-" + role;
    }

    /** Owning pid of a lab namespace name, when it is one of ours. */
    static Optional<Long> ownerPid(String namespace) {
        if (!namespace.startsWith(PREFIX)) {
            return Optional.empty();
        }
        int x = namespace.indexOf('x', PREFIX.length());
        if (x < 0) {
            return Optional.empty();
        }
        try {
            return Optional.of(Long.parseLong(namespace.substring(PREFIX.length(), x)));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
