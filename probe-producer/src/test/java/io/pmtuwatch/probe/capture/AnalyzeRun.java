package io.pmtuwatch.probe.capture;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pmtuwatch.probe.cli.ProbeMain;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import picocli.CommandLine;

/** Runs {@code pmtu-probe analyze --json FILE} in-process and parses its document. */
record AnalyzeRun(int exitCode, JsonNode json, String stderr) {

    static AnalyzeRun of(Path file) throws Exception {
        CommandLine cl = ProbeMain.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute("analyze", "--json", file.toString());
        JsonNode json = out.toString().isBlank() ? null : new ObjectMapper().readTree(out.toString());
        return new AnalyzeRun(code, json, err.toString());
    }

    JsonNode summary() {
        return json.get("summary");
    }

    /** The flow whose server is {@code server} ("addr:port" as printed). */
    JsonNode flowTo(String server) {
        for (JsonNode flow : json.get("flows")) {
            if (flow.get("server").asText().equals(server)) {
                return flow;
            }
        }
        throw new AssertionError("no flow to " + server + " in " + json.get("flows"));
    }
}
