package io.pmtuwatch.probe.socket;

/** One ancillary message of a recvmsg: {@code cmsg_level}, {@code cmsg_type} and its data bytes. */
public record ControlMessage(int level, int type, byte[] data) {
}
