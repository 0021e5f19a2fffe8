package io.pmtuwatch.stream.state;

import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.Bytes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * The durable image of a store: batches come back whole and in order, a torn tail is cut off, never half
 * applied; a rewrite (compaction) runs beside the appends, and a process killed at any of its steps opens
 * every batch appended before the kill.
 */
class StoreLogTest {

    private static final TopicPartition CHANGELOG = new TopicPartition("app-runs-changelog", 3);

    @TempDir
    Path dir;

    @Test
    void batchesComeBackInOrderWithTheirOffsets() throws Exception {
        try (StoreLog log = StoreLog.open(dir)) {
            assertThat(log.loaded().entries()).isEmpty();
            assertThat(log.loaded().offsets()).isEmpty();
            log.append(changes("a", "1", "b", "2"), null);
            log.append(changes("a", "3", "b", null), Map.of(CHANGELOG, 41L));
        }
        try (StoreLog log = StoreLog.open(dir)) {
            assertThat(text(log.loaded().entries())).containsExactly(Map.entry("a", "3"));
            assertThat(log.loaded().offsets()).containsExactly(Map.entry(CHANGELOG, 41L));
        }
    }

    @Test
    void anEmptyOffsetsChangeClearsThemAndANullValueRemovesOne() throws Exception {
        TopicPartition other = new TopicPartition("app-links-changelog", 3);
        try (StoreLog log = StoreLog.open(dir)) {
            log.append(Map.of(), Map.of(CHANGELOG, 5L, other, 6L));
            Map<TopicPartition, Long> removeOne = new HashMap<>();
            removeOne.put(other, null);
            log.append(Map.of(), removeOne);
        }
        try (StoreLog log = StoreLog.open(dir)) {
            assertThat(log.loaded().offsets()).containsExactly(Map.entry(CHANGELOG, 5L));
            log.append(Map.of(), Map.of());
        }
        try (StoreLog log = StoreLog.open(dir)) {
            assertThat(log.loaded().offsets()).isEmpty();
        }
    }

    @Test
    void aTornLastBatchIsCutOffAndLaterAppendsFollowTheGoodPart() throws Exception {
        long good;
        try (StoreLog log = StoreLog.open(dir)) {
            log.append(changes("a", "1"), Map.of(CHANGELOG, 10L));
            good = log.size();
            log.append(changes("a", "2", "b", "2"), Map.of(CHANGELOG, 20L));
        }
        // A process killed in the middle of the second append.
        try (FileChannel file = FileChannel.open(dir.resolve(StoreLog.FILE), StandardOpenOption.WRITE)) {
            file.truncate(good + 11);
        }
        try (StoreLog log = StoreLog.open(dir)) {
            assertThat(text(log.loaded().entries())).containsExactly(Map.entry("a", "1"));
            assertThat(log.loaded().offsets()).containsExactly(Map.entry(CHANGELOG, 10L));
            assertThat(log.size()).isEqualTo(good);
            log.append(changes("c", "3"), Map.of(CHANGELOG, 30L));
        }
        try (StoreLog log = StoreLog.open(dir)) {
            assertThat(text(log.loaded().entries())).containsExactly(Map.entry("a", "1"), Map.entry("c", "3"));
            assertThat(log.loaded().offsets()).containsExactly(Map.entry(CHANGELOG, 30L));
        }
    }

    @Test
    void aDamagedBatchEndsTheImageThere() throws Exception {
        long good;
        try (StoreLog log = StoreLog.open(dir)) {
            log.append(changes("a", "1"), Map.of(CHANGELOG, 10L));
            good = log.size();
            log.append(changes("a", "2"), Map.of(CHANGELOG, 20L));
            log.append(changes("b", "3"), Map.of(CHANGELOG, 30L));
        }
        byte[] bytes = Files.readAllBytes(dir.resolve(StoreLog.FILE));
        bytes[(int) good + 12] ^= 0x5a;
        Files.write(dir.resolve(StoreLog.FILE), bytes);
        try (StoreLog log = StoreLog.open(dir)) {
            assertThat(text(log.loaded().entries())).containsExactly(Map.entry("a", "1"));
            assertThat(log.loaded().offsets()).containsExactly(Map.entry(CHANGELOG, 10L));
        }
    }

    @Test
    void aRewriteKeepsTheImageInOneBatchAndAnUnfinishedOneIsIgnored() throws Exception {
        try (StoreLog log = StoreLog.open(dir, Runnable::run, RewriteSteps.NONE)) {
            for (int i = 0; i < 100; i++) {
                log.append(changes("k" + i % 5, "v" + i), Map.of(CHANGELOG, (long) i));
            }
            long before = log.size();
            assertThat(log.rewriteInBackground()).isTrue();
            assertThat(log.size()).isLessThan(before / 10);
            assertThat(Files.size(dir.resolve(StoreLog.FILE))).isEqualTo(log.size());
            log.append(changes("k0", "after"), null);
        }
        Files.writeString(dir.resolve("committed.log.new"), "half a rewrite, as an earlier release named it");
        Files.writeString(dir.resolve("committed.log.new-123"), "half a rewrite");
        try (StoreLog log = StoreLog.open(dir)) {
            assertThat(text(log.loaded().entries())).containsEntry("k0", "after").containsEntry("k4", "v99").hasSize(5);
            assertThat(log.loaded().offsets()).containsExactly(Map.entry(CHANGELOG, 99L));
        }
        assertThat(dir.resolve("committed.log.new")).doesNotExist();
        assertThat(dir.resolve("committed.log.new-123")).doesNotExist();
    }

    /**
     * A kill -9 at each step of a rewrite leaves the files as they are at that step: opened then, the
     * image is every batch appended so far, never the new file's partial one, and the new file goes.
     */
    @Test
    void killedAtAnyStepOfARewriteTheLogOpensWithEveryBatchAppended() throws Exception {
        Path store = dir.resolve("store");
        Map<RewriteSteps.Step, Path> snapshots = new EnumMap<>(RewriteSteps.Step.class);
        RewriteSteps snapshotEachStep = step -> snapshots.put(step, copyOf(store, step.name()));
        Map<String, String> expected = new TreeMap<>();
        try (StoreLog log = StoreLog.open(store, Runnable::run, snapshotEachStep)) {
            for (int i = 0; i < 200; i++) {
                log.append(changes("k" + i % 7, "v" + i), Map.of(CHANGELOG, (long) i));
                expected.put("k" + i % 7, "v" + i);
            }
            assertThat(log.rewriteInBackground()).isTrue();
        }
        assertThat(snapshots).containsOnlyKeys(RewriteSteps.Step.values());
        for (Map.Entry<RewriteSteps.Step, Path> snapshot : snapshots.entrySet()) {
            boolean beforeTheRename = snapshot.getKey() != RewriteSteps.Step.SWAPPED;
            assertThat(rewriteFiles(snapshot.getValue())).as("a new file at %s", snapshot.getKey())
                    .hasSize(beforeTheRename ? 1 : 0);
            try (StoreLog log = StoreLog.open(snapshot.getValue())) {
                assertThat(text(log.loaded().entries())).as("killed at %s", snapshot.getKey()).isEqualTo(expected);
                assertThat(log.loaded().offsets()).containsExactly(Map.entry(CHANGELOG, 199L));
            }
            assertThat(rewriteFiles(snapshot.getValue())).as("left after opening (killed at %s)", snapshot.getKey())
                    .isEmpty();
        }
    }

    /**
     * Appends go on while a rewrite runs (held at two of its steps here) and none is lost: those made
     * before it caught up are copied without the lock, the last ones under it, with the rename.
     */
    @Test
    void appendsDuringARewriteAreCarriedOverToTheNewFile() throws Exception {
        CountDownLatch sealed = new CountDownLatch(1);
        CountDownLatch goOnFromSealed = new CountDownLatch(1);
        CountDownLatch caughtUp = new CountDownLatch(1);
        CountDownLatch goOnFromCaughtUp = new CountDownLatch(1);
        RewriteSteps holdTwice = step -> {
            if (step == RewriteSteps.Step.SEALED) {
                sealed.countDown();
                goOnFromSealed.await();
            } else if (step == RewriteSteps.Step.CAUGHT_UP) {
                caughtUp.countDown();
                goOnFromCaughtUp.await();
            }
        };
        ExecutorService rewrites = Executors.newSingleThreadExecutor();
        Map<String, String> expected = new TreeMap<>();
        long before;
        try (StoreLog log = StoreLog.open(dir, rewrites, holdTwice)) {
            int i = 0;
            for (; i < 2000; i++) {
                log.append(changes("k" + i % 10, "v" + i), Map.of(CHANGELOG, (long) i));
                expected.put("k" + i % 10, "v" + i);
            }
            assertThat(log.rewriteInBackground()).isTrue();
            assertThat(sealed.await(30, TimeUnit.SECONDS)).isTrue();
            // Enough to be copied before the rename without the lock (more than 256 KB), then a few more.
            for (; i < 12_000; i++) {
                log.append(changes("k" + i % 10, "v" + i, "big" + i % 3, "x".repeat(20)), Map.of(CHANGELOG, (long) i));
                expected.put("k" + i % 10, "v" + i);
                expected.put("big" + i % 3, "x".repeat(20));
            }
            assertThat(log.rewriteInBackground()).as("one at a time").isFalse();
            goOnFromSealed.countDown();
            assertThat(caughtUp.await(30, TimeUnit.SECONDS)).isTrue();
            for (; i < 12_050; i++) {
                log.append(changes("k" + i % 10, "v" + i), Map.of(CHANGELOG, (long) i));
                expected.put("k" + i % 10, "v" + i);
            }
            before = log.size();
            goOnFromCaughtUp.countDown();
            rewrites.shutdown();
            assertThat(rewrites.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
            assertThat(log.size()).as("the file was replaced by the compacted one").isLessThan(before);
            log.append(changes("k0", "last"), Map.of(CHANGELOG, 99_999L));
            expected.put("k0", "last");
        }
        try (StoreLog log = StoreLog.open(dir)) {
            assertThat(text(log.loaded().entries())).isEqualTo(expected);
            assertThat(log.loaded().offsets()).containsExactly(Map.entry(CHANGELOG, 99_999L));
        }
        assertThat(rewriteFiles(dir)).isEmpty();
    }

    /** The values are copied from the old file: many of them across megabytes, and one larger than a read. */
    @Test
    void aRewriteOfALargeFileKeepsEveryValue() throws Exception {
        Map<String, String> expected = new TreeMap<>();
        try (StoreLog log = StoreLog.open(dir, Runnable::run, RewriteSteps.NONE)) {
            for (int i = 0; i < 3000; i++) {
                String value = (i + "-").repeat(1000).substring(0, 1000);
                log.append(changes("k" + i % 500, value), Map.of(CHANGELOG, (long) i));
                expected.put("k" + i % 500, value);
            }
            String huge = "h".repeat(1_500_000) + "end";
            log.append(changes("huge", huge, "k7", null), null);
            expected.put("huge", huge);
            expected.remove("k7");
            long before = log.size();
            assertThat(log.rewriteInBackground()).isTrue();
            assertThat(log.size()).isLessThan(before);
        }
        try (StoreLog log = StoreLog.open(dir)) {
            assertThat(text(log.loaded().entries())).isEqualTo(expected);
            assertThat(log.loaded().offsets()).containsExactly(Map.entry(CHANGELOG, 2999L));
        }
    }

    @Test
    void aFailedRewriteLeavesTheLogAsItWasAndNoNewFile() throws Exception {
        RewriteSteps diskFull = step -> {
            if (step == RewriteSteps.Step.WRITTEN) {
                throw new IOException("No space left on device");
            }
        };
        try (StoreLog log = StoreLog.open(dir, Runnable::run, diskFull)) {
            for (int i = 0; i < 50; i++) {
                log.append(changes("k" + i % 5, "v" + i), Map.of(CHANGELOG, (long) i));
            }
            long before = log.size();
            assertThat(log.rewriteInBackground()).isTrue();
            assertThat(log.size()).isEqualTo(before);
            assertThat(rewriteFiles(dir)).isEmpty();
            assertThat(log.rewriteInBackground()).as("not again before the file has doubled").isFalse();
            log.append(changes("k0", "after"), Map.of(CHANGELOG, 50L));
        }
        try (StoreLog log = StoreLog.open(dir)) {
            assertThat(text(log.loaded().entries())).containsEntry("k0", "after").containsEntry("k4", "v49").hasSize(5);
            assertThat(log.loaded().offsets()).containsExactly(Map.entry(CHANGELOG, 50L));
        }
    }

    /**
     * Closing the log while its rewrite runs (held here inside a step) returns at once: the rewrite's
     * file is gone and the log is as it was when close returns. The log opened again at once (a task
     * revived in the same process) is not touched by the old rewrite when that goes on.
     */
    @Test
    void closingTheLogDuringARewriteReturnsAtOnceAndTheRewriteLeavesNoTrace() throws Exception {
        CountDownLatch written = new CountDownLatch(1);
        CountDownLatch goOn = new CountDownLatch(1);
        RewriteSteps hold = step -> {
            if (step == RewriteSteps.Step.WRITTEN) {
                written.countDown();
                goOn.await();
            }
        };
        ExecutorService rewrites = Executors.newSingleThreadExecutor();
        try {
            StoreLog log = StoreLog.open(dir, rewrites, hold);
            Map<String, String> expected = new TreeMap<>();
            for (int i = 0; i < 50; i++) {
                log.append(changes("k" + i % 5, "v" + i), Map.of(CHANGELOG, (long) i));
                expected.put("k" + i % 5, "v" + i);
            }
            long before = log.size();
            assertThat(log.rewriteInBackground()).isTrue();
            assertThat(written.await(30, TimeUnit.SECONDS)).isTrue();
            assertThat(rewriteFiles(dir)).as("the rewrite's file").hasSize(1);

            assertTimeoutPreemptively(Duration.ofSeconds(5), log::close, "close waited for the rewrite");
            assertThat(rewriteFiles(dir)).isEmpty();
            assertThat(Files.size(dir.resolve(StoreLog.FILE))).isEqualTo(before);

            try (StoreLog reopened = StoreLog.open(dir)) {
                assertThat(text(reopened.loaded().entries())).isEqualTo(expected);
                goOn.countDown();
                rewrites.shutdown();
                assertThat(rewrites.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
                reopened.append(changes("k0", "after"), Map.of(CHANGELOG, 50L));
                expected.put("k0", "after");
            }
            assertThat(rewriteFiles(dir)).isEmpty();
            try (StoreLog reopened = StoreLog.open(dir)) {
                assertThat(text(reopened.loaded().entries())).isEqualTo(expected);
                assertThat(reopened.loaded().offsets()).containsExactly(Map.entry(CHANGELOG, 50L));
            }
        } finally {
            goOn.countDown();
            rewrites.shutdownNow();
        }
    }

    /** The rewritten file replaces the log with the log's permissions, not a temporary file's owner-only ones. */
    @Test
    void aRewrittenLogKeepsItsFileMode() throws Exception {
        Set<PosixFilePermission> mode = PosixFilePermissions.fromString("rw-r-----");
        try (StoreLog log = StoreLog.open(dir, Runnable::run, RewriteSteps.NONE)) {
            Files.setPosixFilePermissions(dir.resolve(StoreLog.FILE), mode);
            for (int i = 0; i < 50; i++) {
                log.append(changes("k" + i % 5, "v" + i), Map.of(CHANGELOG, (long) i));
            }
            long before = log.size();
            assertThat(log.rewriteInBackground()).isTrue();
            assertThat(log.size()).as("rewritten").isLessThan(before);
        }
        assertThat(Files.getPosixFilePermissions(dir.resolve(StoreLog.FILE))).isEqualTo(mode);
    }

    /**
     * A log whose file lost owner write (set by hand, say) is still rewritten: the new file, which the
     * rewrite opens for writing, gets owner read and write besides the log's mode. (Run as root, the
     * open would succeed anyway; the mode shows the fix.)
     */
    @Test
    void aLogWhoseFileLacksOwnerWriteIsRewrittenWithOwnerReadAndWriteAdded() throws Exception {
        try (StoreLog log = StoreLog.open(dir, Runnable::run, RewriteSteps.NONE)) {
            Files.setPosixFilePermissions(dir.resolve(StoreLog.FILE), PosixFilePermissions.fromString("r--r-----"));
            for (int i = 0; i < 50; i++) {
                log.append(changes("k" + i % 5, "v" + i), Map.of(CHANGELOG, (long) i));
            }
            long before = log.size();
            assertThat(log.rewriteInBackground()).isTrue();
            assertThat(log.size()).as("rewritten").isLessThan(before);
        }
        assertThat(Files.getPosixFilePermissions(dir.resolve(StoreLog.FILE)))
                .isEqualTo(PosixFilePermissions.fromString("rw-r-----"));
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(file -> file.getFileName().toString()).toList()).containsExactly(StoreLog.FILE);
        }
    }

    private static Map<Bytes, byte[]> changes(String... keysAndValues) {
        Map<Bytes, byte[]> out = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            String value = keysAndValues[i + 1];
            out.put(Bytes.wrap(keysAndValues[i].getBytes(StandardCharsets.UTF_8)),
                    value == null ? null : value.getBytes(StandardCharsets.UTF_8));
        }
        return out;
    }

    private static Path copyOf(Path from, String name) throws IOException {
        Path to = Files.createDirectories(from.resolveSibling("at-" + name));
        try (Stream<Path> files = Files.list(from)) {
            for (Path file : files.toList()) {
                Files.copy(file, to.resolve(file.getFileName()));
            }
        }
        return to;
    }

    private static List<Path> rewriteFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().startsWith(StoreLog.REWRITE_PREFIX)).toList();
        }
    }

    private static Map<String, String> text(Map<Bytes, byte[]> entries) {
        Map<String, String> out = new TreeMap<>();
        entries.forEach((k, v) -> out.put(new String(k.get(), StandardCharsets.UTF_8), new String(v, StandardCharsets.UTF_8)));
        return out;
    }
}
