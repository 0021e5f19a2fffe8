package io.pmtuwatch.probe.returnpath;

import io.pmtuwatch.schemas.HandshakeObservation;
import io.pmtuwatch.schemas.ReturnPath;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The return-path test as a step of a run: chooses the request for the port, measures, and puts the
 * figures on the run's handshake observation, where the diagnosis reads them. Used by {@code trace}
 * and by the agent's runs.
 *
 * <p>A target that honoured our packet-too-big caches the smaller path MTU towards us (Linux: 10
 * minutes), and until it expires sends us segments that fit: a fresh test would see a healthy return
 * path that is not. So this process remembers each stall it proved, per network namespace, target
 * and port, and while the target's SYN-ACK still shows our packet-too-big's size it reports that
 * result again, saying so, instead of a false all-clear.
 */
public final class ReturnPathTest {

    /** Linux's net.ipv4.route.mtu_expires default: how long a target keeps a learned PMTU. */
    static final Duration PTB_MEMORY = Duration.ofMinutes(10);
    private static final Path OWN_NAMESPACE = Path.of("/proc/thread-self/ns/net");

    private record Proven(long atNanos, ReturnPath result) {
    }

    private static final Map<String, Proven> PROVEN = new ConcurrentHashMap<>();

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
        String key = namespace() + "|" + address.getHostAddress() + "|" + port;
        long now = System.nanoTime();
        if (fresh.getPtbMtu() != null && Boolean.TRUE.equals(fresh.getShrankAfterPtb())) {
            PROVEN.put(key, new Proven(now, fresh));
            return fresh;
        }
        Proven proven = PROVEN.get(key);
        int fits = ptbMtu - (address instanceof Inet6Address ? 60 : 40);
        if (proven == null || now - proven.atNanos() > PTB_MEMORY.toNanos() || fresh.getTargetMss() == null
                || fresh.getTargetMss() > fits) {
            return fresh;
        }
        long minutesAgo = Duration.ofNanos(now - proven.atNanos()).toMinutes();
        return ReturnPath.newBuilder(proven.result())
                .setDurationMicros(fresh.getDurationMicros())
                .setError("result of the test " + minutesAgo + " min ago: the target still holds that test's"
                        + " packet-too-big (its SYN-ACK now offers MSS " + fresh.getTargetMss() + ") and sends us"
                        + " segments that fit until its path MTU cache expires (about 10 min)")
                .build();
    }

    private static String namespace() {
        try {
            return Files.readSymbolicLink(OWN_NAMESPACE).toString();
        } catch (IOException | UnsupportedOperationException e) {
            return "?";
        }
    }
}
