package io.pmtuwatch.probe.socket;

import io.pmtuwatch.linux.LinuxNet;
import java.io.IOException;

/** A socket call failed; carries errno so callers can tell "not permitted" from the rest. */
public class SocketException extends IOException {

    private final int errno;

    public SocketException(String message, int errno) {
        super(message + " (errno " + errno + ")");
        this.errno = errno;
    }

    public int errno() {
        return errno;
    }

    public boolean notPermitted() {
        return errno == LinuxNet.EACCES || errno == LinuxNet.EPERM;
    }
}
