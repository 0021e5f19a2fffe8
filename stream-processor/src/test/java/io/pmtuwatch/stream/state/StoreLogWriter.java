package io.pmtuwatch.stream.state;

import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.Bytes;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A process for {@link StoreLogKillTest} to kill: appends a known sequence of batches to a store log,
 * carrying on from where the log ends, with rewrites all the time. It prints "appended N" once batch N
 * is appended, and "at STEP" as a rewrite reaches each step; with a step named, it holds the first
 * rewrite that reaches it there ("held STEP") and goes on appending.
 */
final class StoreLogWriter {

    static final TopicPartition CHANGELOG = new TopicPartition("app-runs-changelog", 0);
    private static final int KEYS = 300;
    private static final long REWRITE_ABOVE_BYTES = 128 << 10;

    private StoreLogWriter() {
    }

    /** Batch {@code i}: one key set to a value naming {@code i}; every fifth batch also deletes another key. */
    static Map<Bytes, byte[]> batch(long i) {
        Map<Bytes, byte[]> changes = new LinkedHashMap<>();
        changes.put(key(i % KEYS), String.format("%-100s", "v" + i).getBytes(StandardCharsets.UTF_8));
        if (i % 5 == 0) {
            changes.put(key((i * 7 + 3) % KEYS), null);
        }
        return changes;
    }

    /** The store's content after batches 0 to {@code last}. */
    static Map<Bytes, byte[]> stateAfter(long last) {
        Map<Bytes, byte[]> state = new TreeMap<>();
        for (long i = 0; i <= last; i++) {
            batch(i).forEach((key, value) -> {
                if (value == null) {
                    state.remove(key);
                } else {
                    state.put(key, value);
                }
            });
        }
        return state;
    }

    private static Bytes key(long k) {
        return Bytes.wrap(("k" + k).getBytes(StandardCharsets.UTF_8));
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        String holdAt = args.length > 1 ? args[1] : "";
        boolean[] held = {false};
        RewriteSteps steps = step -> {
            System.out.println("at " + step);
            if (step.name().equals(holdAt) && !held[0]) {
                held[0] = true;
                System.out.println("held " + step);
                Thread.sleep(Long.MAX_VALUE);
            }
        };
        ExecutorService rewrites = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "rewrite");
            thread.setDaemon(true);
            return thread;
        });
        try (StoreLog log = StoreLog.open(dir, rewrites, steps)) {
            Long last = log.loaded().offsets().get(CHANGELOG);
            for (long i = last == null ? 0 : last + 1; ; i++) {
                log.append(batch(i), Map.of(CHANGELOG, i));
                System.out.println("appended " + i);
                if (log.size() > REWRITE_ABOVE_BYTES) {
                    log.rewriteInBackground();
                }
            }
        }
    }
}
