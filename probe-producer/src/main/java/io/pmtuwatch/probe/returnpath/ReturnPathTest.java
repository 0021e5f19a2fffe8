package io.pmtuwatch.probe.returnpath;

import io.pmtuwatch.schemas.HandshakeObservation;
import io.pmtuwatch.schemas.ReturnPath;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * The return-path test as a step of a run: chooses the request for the port, measures, and puts the
 * figures on the run's handshake observation, where the diagnosis reads them. Used by {@code trace}
 * and by the agent's runs.
 *
 * <p>A target that honoured our packet-too-big caches the smaller path MTU towards us (Linux: 10
 * minutes), and until it expires sends us segments that fit: a fresh test would see a healthy return
 * path that is not. So each stall proved is remembered on disk ({@link ProvenStalls}: shared by
 * every process of this host, a second {@code trace} as much as the agent's next run), per network
 * namespace, target and port, and while the target's SYN-ACK still shows our packet-too-big's size
 * that result is reported again, saying so, instead of a false all-clear.
 */
public final class ReturnPathTest {

    /** Linux's net.ipv4.route.mtu_expires default: how long a target keeps a learned PMTU. */
    static final Duration PTB_MEMORY = Duration.ofMinutes(10);
    private static final Path OWN_NAMESPACE = Path.of("/proc/thread-self/ns/net");

    private static final ProvenStalls PROVEN = ProvenStalls.inStateDirectory(System.getenv());

    private ReturnPathTest() {
    }

    /** The handshake with {@code returnPath} set, or unchanged when the request does not apply to the port. */
    public static HandshakeObservation attach(HandshakeObservation handshake, ReturnRequest request,
                                              ReturnPathSettings settings, InetAddress address, int port,
                                              String host) {
        return measure(request, settings, address, port, host)
                .map(rp -> HandshakeObservation.newBuilder(handshake).setReturnPath(rp).build())
                .orElse(handshake);
    }

    public static Optional<ReturnPath> measure(ReturnRequest request, ReturnPathSettings settings,
                                               InetAddress address, int port, String host) {
        return request.forPort(port).map(kind -> remembered(address, port,
                new ReturnPathProber(settings).measure(address, port, host, kind), settings.ptbMtu()));
    }

    private static ReturnPath remembered(InetAddress address, int port, ReturnPath fresh, int ptbMtu) {
        return remembered(PROVEN, namespace() + "|" + address.getHostAddress() + "|" + port,
                address instanceof Inet6Address, fresh, ptbMtu);
    }

    static ReturnPath remembered(ProvenStalls proven, String key, boolean ipv6, ReturnPath fresh, int ptbMtu) {
        if (fresh.getPtbMtu() != null && Boolean.TRUE.equals(fresh.getShrankAfterPtb())) {
            proven.remember(key, fresh);
            return fresh;
        }
        int fits = ptbMtu - (ipv6 ? 60 : 40);
        if (fresh.getTargetMss() == null || fresh.getTargetMss() > fits) {
            return fresh;
        }
        return proven.recall(key, PTB_MEMORY).map(earlier -> {
            long minutesAgo = earlier.age().toMinutes();
            return ReturnPath.newBuilder(earlier.result())
                    .setDurationMicros(fresh.getDurationMicros())
                    .setError("result of the test " + minutesAgo + " min ago: the target still holds that test's"
                            + " packet-too-big (its SYN-ACK now offers MSS " + fresh.getTargetMss() + ") and sends us"
                            + " segments that fit until its path MTU cache expires (about 10 min)")
                    .build();
        }).orElse(fresh);
    }

    private static String namespace() {
        try {
            return Files.readSymbolicLink(OWN_NAMESPACE).toString();
        } catch (IOException | UnsupportedOperationException e) {
            return "?";
        }
    }
}
