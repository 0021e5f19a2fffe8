package io.pmtuwatch.lab;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One lab per topology for as long as the cache is open (a test class, a bench): building a lab costs
 * hundreds of milliseconds, and its namespaces hold no state a second trace would mind. Closing removes
 * every lab it built, the last built first.
 */
public final class LabCache implements AutoCloseable {

    private final Map<String, Lab> labs = new LinkedHashMap<>();

    public synchronized Lab lab(ChainSpec spec) {
        return labs.computeIfAbsent(spec.name(), name -> Lab.build(spec));
    }

    @Override
    public synchronized void close() {
        List<Lab> built = new ArrayList<>(labs.values());
        labs.clear();
        for (int i = built.size() - 1; i >= 0; i--) {
            built.get(i).close();
        }
    }
}
