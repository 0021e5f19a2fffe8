package io.pmtuwatch.probe.agent;

import io.pmtuwatch.linux.NetNamespace;
import java.util.concurrent.Callable;

/** Runs work in a target's network namespace (lab use), or right here when it names none. */
@FunctionalInterface
public interface NamespaceRunner {

    <T> T call(String netns, Callable<T> work) throws Exception;

    NamespaceRunner LINUX = new NamespaceRunner() {
        @Override
        public <T> T call(String netns, Callable<T> work) throws Exception {
            return NetNamespace.callIn(netns, work);
        }
    };
}
