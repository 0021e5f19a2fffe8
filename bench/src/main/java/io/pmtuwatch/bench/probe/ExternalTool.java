package io.pmtuwatch.bench.probe;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * tracepath and scamper run inside the agent namespace, with the PMTU parsed from their output.
 * tracepath probes with UDP only; scamper's trace can send TCP SYNs to the target's port.
 */
enum ExternalTool {

    /** iputils tracepath: "Resume: pmtu 1400 hops 4 back 4". */
    TRACEPATH(Pattern.compile("pmtu (\\d+)")) {
        @Override
        List<String> command(String ns, String address, boolean v6, int tcpPort) {
            return List.of("ip", "netns", "exec", ns, "tracepath", v6 ? "-6" : "-4", "-n", address);
        }
    },
    /** scamper's traceroute with PMTU discovery: hops end in "[mtu: 1500]" or "[*mtu: 1400]" (inferred). */
    SCAMPER(Pattern.compile("mtu: (\\d+)\\]")) {
        @Override
        List<String> command(String ns, String address, boolean v6, int tcpPort) {
            // scamper's default UDP probes get no answer over IPv6 in this lab; ICMP-Paris does.
            return List.of("ip", "netns", "exec", ns, "scamper", "-O", "text", "-c",
                    v6 ? "trace -M -P icmp-paris" : "trace -M", "-i", address);
        }
    },
    /** scamper's traceroute with PMTU discovery, by TCP SYNs to the target's port. */
    SCAMPER_TCP(Pattern.compile("mtu: (\\d+)\\]")) {
        @Override
        List<String> command(String ns, String address, boolean v6, int tcpPort) {
            return List.of("ip", "netns", "exec", ns, "scamper", "-O", "text", "-c",
                    "trace -M -P tcp -d " + tcpPort, "-i", address);
        }
    };

    private final Pattern pmtu;

    ExternalTool(Pattern pmtu) {
        this.pmtu = pmtu;
    }

    abstract List<String> command(String ns, String address, boolean v6, int tcpPort);

    /** Runs once; returns the wall time in ms and the last PMTU the output mentions (null if none or timed out). */
    ToolRun run(String ns, String address, boolean v6, ProbeCounter counter, long timeoutSeconds)
            throws IOException, InterruptedException {
        return run(ns, address, v6, 0, counter, timeoutSeconds);
    }

    ToolRun run(String ns, String address, boolean v6, int tcpPort, ProbeCounter counter, long timeoutSeconds)
            throws IOException, InterruptedException {
        counter.reset();
        long start = System.nanoTime();
        Process p = new ProcessBuilder(command(ns, address, v6, tcpPort)).redirectErrorStream(true).start();
        boolean finished = p.waitFor(timeoutSeconds, TimeUnit.SECONDS);
        double wall = (System.nanoTime() - start) / 1e6;
        if (!finished) {
            p.destroyForcibly().waitFor();
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        Integer found = null;
        Matcher m = pmtu.matcher(out);
        while (m.find()) {
            found = Integer.parseInt(m.group(1));
        }
        // scamper 20211212 exits 255 without a word when asked for PMTUD (-M) with TCP or ICMP probes.
        String refused = finished && p.exitValue() != 0 && found == null
                ? "exit " + p.exitValue() + (out.isBlank() ? ", no output" : "") : null;
        return new ToolRun(counter.read(), wall, finished ? found : null, refused);
    }
}
