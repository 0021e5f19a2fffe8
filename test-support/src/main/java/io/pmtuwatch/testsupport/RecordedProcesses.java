package io.pmtuwatch.testsupport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Processes whose pids were written into {@code *.pid} files of a run directory, and how to make sure
 * they are gone.
 *
 * <p>A pid is only trusted while its command line still carries a marker of ours: after a crash and a
 * reboot or a long pause the number may belong to an unrelated process by now.
 */
final class RecordedProcesses {

    private static final Logger log = LoggerFactory.getLogger(RecordedProcesses.class);
    private static final List<String> MARKERS = List.of("org.elasticsearch", ElasticsearchNode.WATCHDOG_NAME,
            KafkaProcess.MAIN_CLASS);

    private RecordedProcesses() {
    }

    /** Kills (SIGKILL) every live process recorded in {@code dir/*.pid}, with its descendants. */
    static void killAll(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            files.filter(f -> f.getFileName().toString().endsWith(".pid"))
                    .map(RecordedProcesses::readPid)
                    .flatMap(Optional::stream)
                    .map(ProcessHandle::of)
                    .flatMap(Optional::stream)
                    .filter(RecordedProcesses::isOurs)
                    .forEach(RecordedProcesses::killTree);
        } catch (IOException e) {
            log.warn("Could not read the pid files in {}", dir, e);
        }
    }

    private static Optional<Long> readPid(Path file) {
        try {
            return Optional.of(Long.parseLong(Files.readString(file, StandardCharsets.US_ASCII).trim()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty(); // half-written or already removed: nothing to kill
        }
    }

    private static boolean isOurs(ProcessHandle process) {
        try {
            // Raw bytes, NUL-separated arguments: decoded byte for byte, so no argument can fail decoding.
            String commandLine = new String(
                    Files.readAllBytes(Path.of("/proc", Long.toString(process.pid()), "cmdline")),
                    StandardCharsets.ISO_8859_1);
            return MARKERS.stream().anyMatch(commandLine::contains);
        } catch (IOException gone) {
            return false;
        }
    }

    private static void killTree(ProcessHandle process) {
        List<ProcessHandle> tree = Stream.concat(Stream.of(process), process.descendants()).toList();
        tree.forEach(p -> {
            log.info("Killing leftover process {}", p.pid());
            p.destroyForcibly();
        });
        for (ProcessHandle p : tree) {
            try {
                p.onExit().get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                log.warn("Process {} did not exit after SIGKILL", p.pid());
            }
        }
    }
}
