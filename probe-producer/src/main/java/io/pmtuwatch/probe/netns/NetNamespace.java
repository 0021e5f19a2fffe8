package io.pmtuwatch.probe.netns;

import java.util.concurrent.Callable;

/**
 * Moved to {@link io.pmtuwatch.lab.NetNamespace} (the lab starts servers inside namespaces too); this
 * delegate keeps older import sites compiling.
 *
 * @deprecated use {@link io.pmtuwatch.lab.NetNamespace}
 */
@Deprecated
public final class NetNamespace {

    private final io.pmtuwatch.lab.NetNamespace delegate;

    private NetNamespace(io.pmtuwatch.lab.NetNamespace delegate) {
        this.delegate = delegate;
    }

    public static NetNamespace named(String name) {
        return new NetNamespace(io.pmtuwatch.lab.NetNamespace.named(name));
    }

    public String name() {
        return delegate.name();
    }

    public <T> T call(Callable<T> work) throws Exception {
        return delegate.call(work);
    }

    @Override
    public String toString() {
        return delegate.toString();
    }
}
