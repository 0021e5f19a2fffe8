package io.pmtuwatch.stream.state;

import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.Bytes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/** The durable image of a store: batches come back whole and in order, a torn tail is cut off, never half applied. */
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
        try (StoreLog log = StoreLog.open(dir)) {
            for (int i = 0; i < 100; i++) {
                log.append(changes("k" + i % 5, "v" + i), Map.of(CHANGELOG, (long) i));
            }
            long before = log.size();
            TreeMap<Bytes, byte[]> image = new TreeMap<>();
            for (int k = 0; k < 5; k++) {
                image.putAll(changes("k" + k, "v" + (95 + k)));
            }
            log.rewrite(image, Map.of(CHANGELOG, 99L));
            assertThat(log.size()).isLessThan(before / 10);
            log.append(changes("k0", "after"), null);
        }
        Files.writeString(dir.resolve("committed.log.new"), "half a rewrite");
        try (StoreLog log = StoreLog.open(dir)) {
            assertThat(text(log.loaded().entries())).containsEntry("k0", "after").containsEntry("k4", "v99").hasSize(5);
            assertThat(log.loaded().offsets()).containsExactly(Map.entry(CHANGELOG, 99L));
        }
        assertThat(dir.resolve("committed.log.new")).doesNotExist();
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

    private static Map<String, String> text(Map<Bytes, byte[]> entries) {
        Map<String, String> out = new TreeMap<>();
        entries.forEach((k, v) -> out.put(new String(k.get(), StandardCharsets.UTF_8), new String(v, StandardCharsets.UTF_8)));
        return out;
    }
}
