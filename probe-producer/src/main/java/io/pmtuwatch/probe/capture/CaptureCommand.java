package io.pmtuwatch.probe.capture;

import io.pmtuwatch.probe.netns.NetnsOption;
import io.pmtuwatch.probe.kafka.KafkaObservationPublisher;
import io.pmtuwatch.schemas.Origin;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code capture --interface IF}: the passive sensor, publishing to Kafka with origin PASSIVE. */
@Command(name = "capture", mixinStandardHelpOptions = true,
        description = {"Watches an interface for TCP SYN / SYN-ACK and ICMP frag-needed / packet-too-big (BPF filter,"
                + " untagged or 802.1Q) and publishes handshake and hop observations (origin PASSIVE).",
                "Prints counters per interval to stderr, with libpcap's drop counts. Needs root or CAP_NET_RAW."})
public final class CaptureCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(CaptureCommand.class);

    @Spec
    CommandSpec spec;

    @Option(names = {"-i", "--interface"}, required = true, paramLabel = "IF", description = "Interface to watch.")
    String interfaceName;

    @Mixin
    NetnsOption netns;

    @Option(names = "--duration", paramLabel = "DURATION", description = "Stop after this long (e.g. 30s); default: until"
            + " SIGTERM / Ctrl-C.")
    Duration duration;

    @Option(names = "--interval", paramLabel = "DURATION", defaultValue = "1s",
            description = "Counter report interval, e.g. 5s (default: ${DEFAULT-VALUE}).")
    Duration interval;

    @Option(names = "--encapsulated",
            description = "Also see handshakes and ICMP errors inside tunnels (GRE, IP-in-IP, 6in4/4in6, VXLAN) and"
                    + " behind IPv6 extension headers: the kernel then passes all such traffic up to be decoded, which"
                    + " costs CPU on a tunnel endpoint.")
    boolean encapsulated;

    @Mixin
    KafkaOptions kafka;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        AtomicBoolean stopping = new AtomicBoolean();
        Thread shutdown = new Thread(() -> stopping.set(true), "capture-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdown);
        long deadline = duration == null ? Long.MAX_VALUE : System.nanoTime() + duration.toNanos();
        try (KafkaObservationPublisher publisher = kafka.publisher("pmtu-capture-" + interfaceName)) {
            PassivePublisher passive = new PassivePublisher(publisher, kafka.agentId, Origin.PASSIVE);
            Callable<SensorCounters> work = () -> {
                String filter = LiveFilter.expression(encapsulated);
                try (LiveCapture capture = LiveCapture.open(interfaceName, filter)) {
                    LOG.info("capturing on {} with filter {}", interfaceName, filter);
                    return new PassiveSensor(capture, passive, interval, counters -> {
                        err.println(interfaceName + ": " + counters.line());
                        err.flush();
                    }, watches -> LiveFilter.expression(encapsulated, watches))
                            .run(() -> stopping.get() || System.nanoTime() > deadline);
                }
            };
            SensorCounters totals = netns.call(work);
            publisher.close(Duration.ofSeconds(30));
            err.printf("%s: %d frames, %d records published (%d failed), %d PTBs naming no flow; pcap dropped %d,"
                            + " interface dropped %d%n", interfaceName, totals.frames(), totals.published(),
                    passive.failed(), passive.unattributed(), totals.drops().dropped(),
                    totals.drops().droppedByInterface());
            err.flush();
            return passive.failed() > 0 ? AnalyzeCommand.ERROR : AnalyzeCommand.OK;
        } catch (java.io.IOException e) {
            err.println("capture: " + e.getMessage());
            return AnalyzeCommand.ERROR;
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdown);
            } catch (IllegalStateException alreadyShuttingDown) {
                // the hook is running: nothing to remove
            }
        }
    }
}
