package io.pmtuwatch.linux;

import com.sun.jna.LastErrorException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * Runs work inside a named Linux network namespace ({@code ip netns add NAME}).
 *
 * <p>setns(2) changes the namespace of the calling thread only, so the work runs on a fresh
 * thread that enters the namespace first; sockets it opens (and threads it starts) live there,
 * while the rest of the JVM stays where it was. Needs CAP_SYS_ADMIN (root).
 */
public final class NetNamespace {

    private static final Path NETNS_DIR = Path.of("/run/netns");

    private final String name;

    private NetNamespace(String name) {
        this.name = name;
    }

    /** The namespace called {@code name}; fails with a clear message when it does not exist. */
    public static NetNamespace named(String name) {
        if (name == null || name.isBlank() || name.contains("/")) {
            throw new IllegalArgumentException("not a network namespace name: " + name);
        }
        if (!Files.exists(NETNS_DIR.resolve(name))) {
            throw new IllegalArgumentException("no network namespace '" + name + "' (see `ip netns list`)");
        }
        return new NetNamespace(name);
    }

    /**
     * Runs {@code work} inside the namespace called {@code name}, or right here when {@code name} is
     * null: the one path every {@code --netns} option and targets-file {@code netns:} takes.
     */
    public static <T> T callIn(String name, Callable<T> work) throws Exception {
        return name == null ? work.call() : named(name).call(work);
    }

    public String name() {
        return name;
    }

    /** Runs {@code work} on a new thread inside this namespace and returns its result. */
    public <T> T call(Callable<T> work) throws Exception {
        FutureTask<T> task = new FutureTask<>(() -> {
            enter();
            return work.call();
        });
        Thread thread = new Thread(task, "netns-" + name);
        thread.setDaemon(true);
        thread.start();
        try {
            return task.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Exception ex) {
                throw ex;
            }
            throw new IllegalStateException(cause);
        } catch (InterruptedException e) {
            thread.interrupt();
            Thread.currentThread().interrupt();
            throw e;
        }
    }

    private void enter() throws IOException {
        String path = NETNS_DIR.resolve(name).toString();
        int fd;
        try {
            fd = LibC.INSTANCE.open(path, LinuxNet.O_RDONLY);
        } catch (LastErrorException e) {
            throw new IOException("cannot open " + path + ": errno " + e.getErrorCode(), e);
        }
        try {
            LibC.INSTANCE.setns(fd, LinuxNet.CLONE_NEWNET);
        } catch (LastErrorException e) {
            throw new IOException("cannot enter network namespace " + name + " (errno " + e.getErrorCode()
                    + "; needs root / CAP_SYS_ADMIN)", e);
        } finally {
            LibC.INSTANCE.close(fd);
        }
    }

    @Override
    public String toString() {
        return "netns " + name;
    }
}
