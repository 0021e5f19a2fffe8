package io.pmtuwatch.probe.handshake;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Points pcap4j at the real libpcap file. pcap4j loads the plain name {@code libpcap.so}, which
 * only Debian's -dev package provides; the runtime package ships {@code libpcap.so.0.8}.
 * Must run before the first pcap4j class is used: pcap4j reads the property once.
 */
public final class PcapLibrary {

    static final String PROPERTY = "org.pcap4j.core.pcapLibName";
    private static final List<String> DIRECTORIES = List.of("/usr/lib/x86_64-linux-gnu", "/usr/lib/aarch64-linux-gnu",
            "/lib/x86_64-linux-gnu", "/lib/aarch64-linux-gnu", "/usr/lib64", "/usr/lib", "/lib");
    private static final List<String> NAMES = List.of("libpcap.so", "libpcap.so.1", "libpcap.so.0.8");

    private PcapLibrary() {
    }

    /** Sets the property unless already set or a plain libpcap.so exists. */
    public static synchronized void configure() {
        if (System.getProperty(PROPERTY) != null) {
            return;
        }
        find().ifPresent(path -> {
            if (!path.getFileName().toString().equals("libpcap.so")) {
                System.setProperty(PROPERTY, path.toString());
            }
        });
    }

    /** The first libpcap found, preferring the plain name. */
    static Optional<Path> find() {
        for (String name : NAMES) {
            for (String dir : DIRECTORIES) {
                Path candidate = Path.of(dir, name);
                if (Files.isReadable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }
}
