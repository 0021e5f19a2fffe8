package io.pmtuwatch.bench.stream;

import io.pmtuwatch.bench.BenchMain;
import io.pmtuwatch.embedded.KafkaHarness;

import java.util.ArrayList;
import java.util.List;

/**
 * The bench command against the in-process KRaft broker of the tests (test classpath):
 * {@code mvn -q -o -pl bench -am test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=io.pmtuwatch.bench.stream.InProcessBench -Dexec.args="--agents 20 --targets 50"}.
 */
public final class InProcessBench {

    private InProcessBench() {
    }

    public static void main(String[] args) {
        KafkaHarness kafka = KafkaHarness.shared();
        List<String> all = new ArrayList<>(List.of("bench-stream", "--bootstrap-servers", kafka.bootstrapServers()));
        all.addAll(List.of(args));
        int code = BenchMain.run(all.toArray(String[]::new));
        System.exit(code);
    }
}
