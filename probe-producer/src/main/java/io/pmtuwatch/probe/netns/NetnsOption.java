package io.pmtuwatch.probe.netns;

import io.pmtuwatch.linux.NetNamespace;
import java.util.concurrent.Callable;
import picocli.CommandLine.Option;

/** The {@code --netns NAME} option of every command that can work from inside a network namespace. */
public final class NetnsOption {

    @Option(names = "--netns", paramLabel = "NAME",
            description = "Work from inside this network namespace (ip netns); needs root.")
    String name;

    /** The namespace given, or null without the option. */
    public String name() {
        return name;
    }

    /** Runs {@code work} in the namespace given, or right here without the option. */
    public <T> T call(Callable<T> work) throws Exception {
        return NetNamespace.callIn(name, work);
    }
}
