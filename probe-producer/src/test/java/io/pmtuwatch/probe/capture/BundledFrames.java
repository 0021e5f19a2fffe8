package io.pmtuwatch.probe.capture;

import io.pmtuwatch.probe.packet.LinkType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/** The first Ethernet frames of the bundled captures (src/test/resources/captures), in file order. */
public final class BundledFrames {

    private BundledFrames() {
    }

    public static List<CapturedFrame> ethernet(int max) throws Exception {
        Path dir = Path.of(Objects.requireNonNull(BundledFrames.class.getResource("/captures/MANIFEST.tsv")).toURI())
                .getParent();
        List<CapturedFrame> frames = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.toString().contains(".pcap")).sorted().toList()) {
                try (OfflineCapture capture = OfflineCapture.open(file)) {
                    if (capture.linkType() != LinkType.ETHERNET) {
                        continue;
                    }
                    CapturedFrame frame;
                    while (frames.size() < max && (frame = nextOrNull(capture)) != null) {
                        frames.add(frame);
                    }
                }
            }
        }
        return frames;
    }

    /** A damaged tail ends the file's frames. */
    private static CapturedFrame nextOrNull(OfflineCapture capture) {
        try {
            return capture.next();
        } catch (java.io.IOException damaged) {
            return null;
        }
    }
}
