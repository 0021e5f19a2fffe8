package io.pmtuwatch.stream.topology.internals;

/**
 * An output record that passed its {@link OutputGuard}: the value, for the steps after the output,
 * and the bytes sent for it.
 */
public record CheckedOutput<V>(V value, byte[] bytes) {
}
