package io.pmtuwatch.probe.capture;

import io.pmtuwatch.schemas.Origin;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code analyze FILE}: PMTU/MSS facts and findings of a pcap or pcapng file, without Kafka. */
@Command(name = "analyze", mixinStandardHelpOptions = true,
        description = {"Reads a pcap or pcapng file and prints, per flow and per router, the MSS both ways,"
                + " the effective MSS, frag-needed / packet-too-big messages with their MTUs, and the diagnosis"
                + " findings.",
                "Files are read by a built-in pure-Java reader; --reader pcap4j reads them through libpcap instead"
                        + " (slower: its per-frame JNA call used to dominate analyze's time), for files the"
                        + " built-in reader refuses.",
                "Exit status: 0 read whole, nothing wrong; 1 findings of WARNING or worse; 2 cannot read;"
                        + " 3 file damaged (read up to the damage, which is reported)."})
public final class AnalyzeCommand implements Callable<Integer> {

    /** The file was damaged: what came before it was analysed. */
    public static final int PARTIAL = 3;
    static final int OK = 0;
    static final int FINDINGS = 1;
    static final int ERROR = 2;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "pcap or pcapng file.")
    Path file;

    @Mixin
    CaptureReaderOption readerOption = new CaptureReaderOption();

    @Option(names = "--json", description = "Print one JSON document instead of the tables.")
    boolean json;

    @Option(names = "--agent-id", paramLabel = "ID", defaultValue = "${env:PMTU_AGENT_ID:-local}",
            description = "Agent id used in path ids (default: ${DEFAULT-VALUE}).")
    String agentId;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Optional<CaptureFileAnalysis.Outcome> read = CaptureFileAnalysis.readForCommand(file, readerOption.reader(),
                err, "analyze");
        if (read.isEmpty()) {
            return ERROR;
        }
        CaptureFileAnalysis.Outcome outcome = read.get();
        AnalysisReport report = new ReportBuilder(agentId, Origin.REPLAY)
                .build(file.toString(), outcome.result(), outcome.damage());
        if (json) {
            // Streamed: a capture with many PTBs makes a document of tens of MB, not worth one String.
            if (out instanceof StandardOutput stdout && JsonWriter.asciiCompatible(stdout.charset())) {
                out.flush();
                AnalysisJson.write(report, stdout.stream(), stdout.charset());
            } else {
                AnalysisJson.write(report, out);
            }
            out.println();
            out.flush();
        } else {
            AnalysisTable.print(report, out);
        }
        if (outcome.partial()) {
            err.println("analyze: " + outcome.damageReport(file));
            return PARTIAL;
        }
        boolean findings = report.flows().stream().anyMatch(f -> "WARNING".equals(f.status())
                || "CRITICAL".equals(f.status()));
        return findings ? FINDINGS : OK;
    }
}
