package io.pmtuwatch.lab;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Labs not yet closed, torn down by one JVM shutdown hook when a test or benchmark dies without
 * closing them. The first lab of a process also removes orphans of dead processes.
 */
final class OpenLabs {

    private static final Set<Lab> OPEN = new LinkedHashSet<>();
    private static boolean started;

    private OpenLabs() {
    }

    static synchronized void register(Lab lab) {
        if (!started) {
            started = true;
            StaleNamespaces.removeOrphans();
            Runtime.getRuntime().addShutdownHook(new Thread(OpenLabs::closeAll, "lab-teardown"));
        }
        OPEN.add(lab);
    }

    static synchronized void unregister(Lab lab) {
        OPEN.remove(lab);
    }

    private static void closeAll() {
        List<Lab> labs;
        synchronized (OpenLabs.class) {
            labs = new ArrayList<>(OPEN);
        }
        labs.forEach(Lab::close);
    }
}
