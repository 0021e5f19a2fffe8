package io.pmtuwatch.probe.netns;

import java.util.concurrent.Callable;

/**
 * Moved to {@link io.pmtuwatch.linux.NetNamespace} (the lab starts servers inside namespaces too); this
 * delegate keeps older import sites compiling.
 *
 * @deprecated use {@link io.pmtuwatch.linux.NetNamespace}
 */
@Deprecated
public final class NetNamespace {

    private final io.pmtuwatch.linux.NetNamespace delegate;

    private NetNamespace(io.pmtuwatch.linux.NetNamespace delegate) {
        this.delegate = delegate;
    }

    public static NetNamespace named(String name) {
        return new NetNamespace(io.pmtuwatch.linux.NetNamespace.named(name));
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
