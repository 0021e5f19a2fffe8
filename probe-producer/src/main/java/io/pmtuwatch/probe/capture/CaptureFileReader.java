package io.pmtuwatch.probe.capture;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * Which code reads a capture file for {@code analyze} and {@code replay}. Two readers because
 * libpcap's per-frame JNA call dominated {@code analyze}'s time: the built-in reader is the default,
 * libpcap the fallback for files it refuses (formats only libpcap knows).
 */
public enum CaptureFileReader {
    /** {@link PcapFileReader}: pure Java, pcap and pcapng. */
    BUILTIN("builtin"),
    /** {@link OfflineCapture}: libpcap through pcap4j. */
    PCAP4J("pcap4j");

    private final String optionValue;

    CaptureFileReader(String optionValue) {
        this.optionValue = optionValue;
    }

    public FrameSource open(Path file) throws IOException {
        return switch (this) {
            case BUILTIN -> PcapFileReader.open(file);
            case PCAP4J -> OfflineCapture.open(file);
        };
    }

    /** As written on the command line: {@code builtin} or {@code pcap4j}. */
    public static CaptureFileReader of(String optionValue) {
        for (CaptureFileReader reader : values()) {
            if (reader.optionValue.equals(optionValue.toLowerCase(Locale.ROOT))) {
                return reader;
            }
        }
        throw new IllegalArgumentException("unknown reader '" + optionValue + "' (one of " + Arrays.stream(values())
                .map(CaptureFileReader::toString).toList() + ")");
    }

    @Override
    public String toString() {
        return optionValue;
    }
}
