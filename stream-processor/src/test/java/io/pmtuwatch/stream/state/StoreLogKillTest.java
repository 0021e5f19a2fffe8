package io.pmtuwatch.stream.state;

import org.apache.kafka.common.utils.Bytes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * kill -9 of a process appending to a store log while its rewrites run: at each step of a rewrite
 * (the rewrite held there while appends go on) and at random moments. Each time the log reopens with
 * exactly the content after one batch, that batch's offset, and no batch the process had finished
 * appending is missing; the unfinished rewrite's file is never taken as the image.
 */
class StoreLogKillTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(RewriteSteps.Step.class)
    void killedWhileARewriteIsAtAStepTheLogReopensWithEveryBatchAppended(RewriteSteps.Step step) throws Exception {
        Path store = dir.resolve("store");
        try (Writer writer = Writer.start(store, step.name())) {
            await().atMost(Duration.ofSeconds(60)).until(() -> writer.saw("held " + step));
            long atHold = writer.lastAppended.get();
            await().atMost(Duration.ofSeconds(60)).until(() -> writer.appendedMoreThan(50) && writer.lastAppended.get() >= atHold + 50);
            writer.kill();
            assertConsistent(store, writer.lastAppended.get());
        }
    }

    @Test
    void killedAtRandomMomentsTheLogReopensWithEveryBatchAppendedEachTime() throws Exception {
        Path store = dir.resolve("store");
        Random random = new Random(14);
        int swaps = 0;
        for (int round = 0; round < 6; round++) {
            try (Writer writer = Writer.start(store, "")) {
                await().atMost(Duration.ofSeconds(60)).until(() -> writer.appendedMoreThan(2000));
                Thread.sleep(random.nextInt(400)); // somewhere in the rewrites that come and go
                writer.kill();
                swaps += writer.swaps.get();
                assertConsistent(store, writer.lastAppended.get());
            }
        }
        assertThat(swaps).as("rewrites completed across the rounds").isPositive();
    }

    private static void assertConsistent(Path store, long lastAppended) throws IOException {
        try (StoreLog log = StoreLog.open(store)) {
            Long offset = log.loaded().offsets().get(StoreLogWriter.CHANGELOG);
            assertThat(offset).as("the last batch in the image").isNotNull().isGreaterThanOrEqualTo(lastAppended);
            Map<Bytes, byte[]> expected = StoreLogWriter.stateAfter(offset);
            assertThat(log.loaded().entries().keySet()).isEqualTo(expected.keySet());
            expected.forEach((key, value) -> assertThat(log.loaded().entries().get(key)).as("%s", key).isEqualTo(value));
        }
        try (Stream<Path> files = Files.list(store)) {
            assertThat(files.map(f -> f.getFileName().toString())).containsExactly(StoreLog.FILE);
        }
    }

    /** The writer process and what it printed. */
    private static final class Writer implements AutoCloseable {
        private final Process process;
        private final Thread reader;
        final AtomicLong lastAppended = new AtomicLong(-1);
        final AtomicLong appended = new AtomicLong();
        final AtomicInteger swaps = new AtomicInteger();
        private final Set<String> lines = ConcurrentHashMap.newKeySet();

        private Writer(Process process) {
            this.process = process;
            this.reader = new Thread(this::read, "writer-output");
            reader.setDaemon(true);
            reader.start();
        }

        static Writer start(Path store, String holdAt) throws IOException {
            String java = ProcessHandle.current().info().command().orElse("java");
            return new Writer(new ProcessBuilder(java, "-Xmx128m", "-cp", System.getProperty("java.class.path"),
                    StoreLogWriter.class.getName(), store.toString(), holdAt).redirectErrorStream(true).start());
        }

        private void read() {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    if (line.startsWith("appended ")) {
                        lastAppended.set(Long.parseLong(line.substring("appended ".length())));
                        appended.incrementAndGet();
                    } else if (line.equals("at SWAPPED")) {
                        swaps.incrementAndGet();
                    } else {
                        lines.add(line);
                    }
                }
            } catch (IOException e) {
                // the process is gone
            }
        }

        boolean appendedMoreThan(long count) {
            if (!process.isAlive()) {
                throw new AssertionError("the writer exited: " + lines);
            }
            return appended.get() > count;
        }

        boolean saw(String line) {
            if (!process.isAlive()) {
                throw new AssertionError("the writer exited: " + lines);
            }
            return lines.contains(line);
        }

        /** kill -9, then everything it printed before is read. */
        void kill() throws InterruptedException {
            process.destroyForcibly().waitFor();
            reader.join(30_000);
        }

        @Override
        public void close() throws InterruptedException {
            if (process.isAlive()) {
                kill();
            }
        }
    }
}
