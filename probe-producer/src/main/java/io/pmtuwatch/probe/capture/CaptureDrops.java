package io.pmtuwatch.probe.capture;

/** libpcap's PcapStat: frames the filter passed, dropped by the kernel buffer, dropped by the interface (-1: unknown). */
public record CaptureDrops(long received, long dropped, long droppedByInterface) {
}
