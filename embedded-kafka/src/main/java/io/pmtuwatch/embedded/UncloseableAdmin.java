package io.pmtuwatch.embedded;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;

import org.apache.kafka.clients.admin.Admin;

/**
 * Hands out the harness's one {@link Admin} so that {@code close()} does nothing.
 *
 * <p>Tests habitually open clients in try-with-resources; with a shared admin client that would break
 * every later test in the JVM. The harness closes the real one when the broker stops.
 */
final class UncloseableAdmin implements InvocationHandler {

    private final Admin delegate;

    private UncloseableAdmin(Admin delegate) {
        this.delegate = delegate;
    }

    static Admin wrap(Admin delegate) {
        return (Admin) Proxy.newProxyInstance(
                Admin.class.getClassLoader(), new Class<?>[] {Admin.class}, new UncloseableAdmin(delegate));
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        if (method.getName().equals("close")) {
            return null;
        }
        try {
            return method.invoke(delegate, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
