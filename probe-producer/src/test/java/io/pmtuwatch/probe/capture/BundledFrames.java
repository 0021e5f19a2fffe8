package io.pmtuwatch.probe.capture;

import io.pmtuwatch.probe.packet.LinkType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/** The frames of the bundled captures (src/test/resources/captures, 440 KB), in file order. */
public final class BundledFrames {

    /** A frame with the link type of the capture it came from. */
    public record Frame(LinkType linkType, CapturedFrame frame) {
    }

    private BundledFrames() {
    }

    /** The first {@code max} frames of the Ethernet captures. */
    public static List<CapturedFrame> ethernet(int max) throws Exception {
        return all().stream().filter(f -> f.linkType() == LinkType.ETHERNET).limit(max).map(Frame::frame).toList();
    }

    /** Every frame of every bundled capture; a damaged tail ends its file's frames. */
    public static List<Frame> all() throws Exception {
        Path dir = Path.of(Objects.requireNonNull(BundledFrames.class.getResource("/captures/MANIFEST.tsv")).toURI())
                .getParent();
        List<Frame> frames = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.toString().contains(".pcap")).sorted().toList()) {
                try (OfflineCapture capture = OfflineCapture.open(file)) {
                    CapturedFrame frame;
                    while ((frame = nextOrNull(capture)) != null) {
                        frames.add(new Frame(capture.linkType(), frame));
                    }
                }
            }
        }
        return frames;
    }

    private static CapturedFrame nextOrNull(OfflineCapture capture) {
        try {
            return capture.next();
        } catch (java.io.IOException damaged) {
            return null;
        }
    }
}
