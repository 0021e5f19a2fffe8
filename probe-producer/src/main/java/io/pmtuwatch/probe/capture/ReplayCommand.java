package io.pmtuwatch.probe.capture;

import io.pmtuwatch.probe.kafka.KafkaObservationPublisher;
import io.pmtuwatch.schemas.Origin;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code replay FILE}: the observations of a capture file, published to Kafka with origin REPLAY. */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = {"Reads a pcap or pcapng file and publishes one handshake observation per captured SYN and"
                + " one hop observation per frag-needed / packet-too-big (origin REPLAY).",
                "Files are read by a built-in pure-Java reader; --reader pcap4j reads them through libpcap instead"
                        + " (slower: its per-frame JNA call used to dominate the time), for files the built-in reader"
                        + " refuses.",
                "Exit status: 0 all delivered; 2 cannot read or not delivered; 3 file damaged (published up to the"
                        + " damage)."})
public final class ReplayCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "pcap or pcapng file.")
    Path file;

    @Mixin
    KafkaOptions kafka;

    @Mixin
    CaptureReaderOption readerOption = new CaptureReaderOption();

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Optional<CaptureFileAnalysis.Outcome> read = CaptureFileAnalysis.readForCommand(file, readerOption.reader(),
                err, "replay");
        if (read.isEmpty()) {
            return AnalyzeCommand.ERROR;
        }
        CaptureFileAnalysis.Outcome outcome = read.get();
        try (KafkaObservationPublisher publisher = kafka.publisher("pmtu-replay")) {
            PassivePublisher passive = new PassivePublisher(publisher, kafka.agentId, Origin.REPLAY);
            List<CompletableFuture<Void>> acks = new ArrayList<>();
            for (FlowSnapshot flow : outcome.result().flows()) {
                acks.add(passive.publishFlow(flow));
            }
            try {
                CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                err.println("replay: not every record was delivered: " + e.getMessage());
                return AnalyzeCommand.ERROR;
            }
            publisher.close(Duration.ofSeconds(30));
            out.printf("replayed %s: %d frames, %d handshake and %d hop observations published%n", file,
                    outcome.result().frames().total(), passive.handshakes(), passive.hops());
        }
        if (outcome.partial()) {
            err.println("replay: " + outcome.damageReport(file));
            return AnalyzeCommand.PARTIAL;
        }
        return AnalyzeCommand.OK;
    }
}
