package io.pmtuwatch.probe.capture;

/**
 * One interval of the passive sensor: frames, handshakes and PTBs seen, records published, and
 * libpcap's drop counters (cumulative, as libpcap gives them).
 */
public record SensorCounters(long frames, long handshakes, long mtuEvents, long published, CaptureDrops drops) {

    public SensorCounters minus(SensorCounters earlier) {
        return new SensorCounters(frames - earlier.frames, handshakes - earlier.handshakes,
                mtuEvents - earlier.mtuEvents, published - earlier.published, drops);
    }

    public String line() {
        return String.format("frames/s %d  handshakes/s %d  ptb/s %d  published/s %d  pcap received %d dropped %d"
                + " if-dropped %d", frames, handshakes, mtuEvents, published, drops.received(), drops.dropped(),
                drops.droppedByInterface());
    }
}
