package io.pmtuwatch.probe.bench;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Placeholder, filled in below. */
@Command(name = "bench-trace", hidden = true, mixinStandardHelpOptions = true)
public final class BenchTraceCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        return 0;
    }
}
