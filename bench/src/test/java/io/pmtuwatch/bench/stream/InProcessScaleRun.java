package io.pmtuwatch.bench.stream;

import io.pmtuwatch.bench.BenchMain;
import io.pmtuwatch.embedded.KafkaHarness;

import java.util.ArrayList;
import java.util.List;

/**
 * The scale-run command against the in-process KRaft broker of the tests (test classpath), e.g.
 * {@code mvn -q -o -pl bench -am test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=io.pmtuwatch.bench.stream.InProcessScaleRun -Dexec.args="--paths 10000 --duration PT4M"}.
 * The instances it starts are JVMs of their own with the same class path.
 */
public final class InProcessScaleRun {

    private InProcessScaleRun() {
    }

    public static void main(String[] args) {
        KafkaHarness kafka = KafkaHarness.shared();
        List<String> all = new ArrayList<>(List.of("scale-run", "--bootstrap-servers", kafka.bootstrapServers()));
        all.addAll(List.of(args));
        System.exit(BenchMain.run(all.toArray(String[]::new)));
    }
}
