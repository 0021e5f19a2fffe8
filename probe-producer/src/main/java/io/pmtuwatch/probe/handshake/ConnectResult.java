package io.pmtuwatch.probe.handshake;

/**
 * How a non-blocking connect ended.
 *
 * @param status       what happened
 * @param errno        the socket error for REFUSED/ERROR, 0 otherwise
 * @param elapsedNanos from the connect() call until the kernel reported the result (or the timeout)
 */
record ConnectResult(Status status, int errno, long elapsedNanos) {

    enum Status { CONNECTED, REFUSED, TIMEOUT, ERROR }
}
