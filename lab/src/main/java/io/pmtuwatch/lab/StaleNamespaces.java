package io.pmtuwatch.lab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Deletes lab namespaces whose owning process is gone (a run killed before its shutdown hook). */
final class StaleNamespaces {

    private static final Logger LOG = LoggerFactory.getLogger(StaleNamespaces.class);
    private static final Path NETNS_DIR = Path.of("/run/netns");

    private StaleNamespaces() {
    }

    static void removeOrphans() {
        if (!Files.isDirectory(NETNS_DIR)) {
            return;
        }
        List<String> orphans;
        try (Stream<Path> entries = Files.list(NETNS_DIR)) {
            orphans = entries.map(p -> p.getFileName().toString())
                    .filter(name -> LabNames.ownerPid(name)
                            .map(pid -> ProcessHandle.of(pid).map(h -> !h.isAlive()).orElse(true))
                            .orElse(false))
                    .toList();
        } catch (IOException e) {
            LOG.warn("cannot list {}: {}", NETNS_DIR, e.getMessage());
            return;
        }
        if (!orphans.isEmpty()) {
            LOG.info("removing {} lab namespaces left by dead processes: {}", orphans.size(), orphans);
            Shell.runIgnoringErrors(ChainScript.teardown(orphans));
        }
    }
}
