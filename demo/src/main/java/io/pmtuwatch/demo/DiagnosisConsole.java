package io.pmtuwatch.demo;

import io.pmtuwatch.schemas.Finding;
import io.pmtuwatch.schemas.MtuDrop;
import io.pmtuwatch.schemas.PathDiagnosis;
import io.pmtuwatch.schemas.ProbeMethod;
import io.pmtuwatch.schemas.Severity;
import io.pmtuwatch.schemas.serde.AvroSerdes;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;

/** Prints each diagnosis from pmtu.diagnoses as it arrives: one headline per path, then its findings. */
final class DiagnosisConsole implements Runnable, AutoCloseable {

    private final KafkaConsumer<String, PathDiagnosis> consumer;
    private final PrintStream out;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final boolean color;
    private final Map<String, String> lastVerdicts = new HashMap<>();
    private final Set<String> awaitedAgents = ConcurrentHashMap.newKeySet();
    private final CountDownLatch allDiagnosed = new CountDownLatch(1);

    DiagnosisConsole(String bootstrapServers, String topic, PrintStream out, boolean color) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "pmtu-demo-console");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        this.consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                AvroSerdes.deserializer(PathDiagnosis.class));
        this.consumer.subscribe(List.of(topic));
        this.out = out;
        this.color = color;
    }

    @Override
    public void run() {
        try {
            while (running.get()) {
                for (ConsumerRecord<String, PathDiagnosis> record : consumer.poll(Duration.ofMillis(250))) {
                    PathDiagnosis d = record.value();
                    String verdict = verdict(d);
                    // The whole story when a path's verdict is new or changed; one line when it holds.
                    out.print(verdict.equals(lastVerdicts.put(d.getPathId(), verdict)) ? headline(d, color)
                            : format(d, color));
                    out.flush();
                    // Only once it is printed: the demo's closing line must come after the last diagnosis.
                    if (awaitedAgents.remove(d.getAgent().getId()) && awaitedAgents.isEmpty()) {
                        allDiagnosed.countDown();
                    }
                }
            }
        } catch (WakeupException e) {
            // close() was called
        } finally {
            consumer.close();
        }
    }

    /** Arms {@link #awaitAll}: it returns once each of these agents' paths has been diagnosed. */
    void expectAgents(Collection<String> agentIds) {
        awaitedAgents.addAll(agentIds);
    }

    boolean awaitAll(long timeout, TimeUnit unit) throws InterruptedException {
        return allDiagnosed.await(timeout, unit);
    }

    /** What makes a verdict different for an operator: status, PMTU, effective MSS, finding codes. */
    static String verdict(PathDiagnosis d) {
        return d.getStatus() + "|" + d.getPmtu() + "|" + d.getMss().getEffective() + "|"
                + d.getFindings().stream().map(f -> f.getCode().name()).sorted().toList();
    }

    static String format(PathDiagnosis d, boolean color) {
        return headline(d, color) + details(d, color);
    }

    static String headline(PathDiagnosis d, boolean color) {
        String mss = d.getMss().getEffective() == null ? "-" : d.getMss().getSent() + "/" + d.getMss().getReceived()
                + " eff " + d.getMss().getEffective()
                + (d.getMss().getProbeSyn() == null ? "" : " (own SYN " + d.getMss().getProbeSyn() + ", route cache)");
        return String.format("%s %-24s -> %-22s PMTU %-5s (%s)  MSS %s%s%s%n",
                paint(d.getStatus(), "[" + d.getStatus() + "]", color),
                d.getAgent().getId(), d.getTarget().getAddress() + ":" + d.getTarget().getPort(),
                d.getPmtu() == null ? "?" : d.getPmtu(), d.getPmtuSource(), mss, probedBy(d.getProbeMethod()),
                d.getComplete() ? "" : "  (incomplete: " + d.getIncompleteReason() + ")");
    }

    /** UDP is the default and says nothing; a path only TCP SYNs or pings could measure says so. */
    private static String probedBy(ProbeMethod method) {
        return method == ProbeMethod.TCP_SYN || method == ProbeMethod.ICMP_ECHO ? "  probed by " + method : "";
    }

    private static String details(PathDiagnosis d, boolean color) {
        StringBuilder text = new StringBuilder();
        for (MtuDrop drop : d.getMtuDrops()) {
            text.append(String.format("      MTU drop %s -> %d at %s%s: %s%n",
                    drop.getFromMtu() == null ? "?" : drop.getFromMtu(), drop.getToMtu(),
                    drop.getRouter(), drop.getNextHop() == null ? "" : " -> " + drop.getNextHop(),
                    drop.getLikelyCause()));
        }
        for (Finding f : d.getFindings()) {
            if (f.getSeverity() == Severity.INFO && d.getStatus() != Severity.INFO) {
                continue; // the headline problem first; MTU drops are listed above
            }
            text.append(String.format("      %s %s: %s%n", paint(f.getSeverity(), f.getSeverity().name(), color),
                    f.getCode(), f.getMessage()));
            if (f.getFix() != null) {
                text.append("        fix: ").append(f.getFix()).append('\n');
            }
        }
        return text.toString();
    }

    private static String paint(Severity severity, String text, boolean color) {
        if (!color) {
            return text;
        }
        String code = switch (severity) {
            case CRITICAL -> "31;1";
            case WARNING -> "33;1";
            case INFO -> "32";
            default -> "0";
        };
        return "\u001b[" + code + "m" + text + "\u001b[0m";
    }

    @Override
    public void close() {
        running.set(false);
        consumer.wakeup();
    }
}
