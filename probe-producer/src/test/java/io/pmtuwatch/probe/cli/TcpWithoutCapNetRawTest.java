package io.pmtuwatch.probe.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@code trace --tcp} in a process without CAP_NET_RAW (root with the capability dropped from its
 * bounding set by setpriv): one line on stderr saying what to do, exit 2. Loopback only.
 */
@Tag("root")
class TcpWithoutCapNetRawTest {

    @Test
    void tcpProbingWithoutCapNetRawSaysWhatToDo() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/setpriv")), "setpriv (util-linux) is not installed");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(List.of("/usr/bin/setpriv", "--bounding-set=-net_raw", "--inh-caps=-net_raw",
                java, "-cp", System.getProperty("java.class.path"), ProbeMain.class.getName(),
                "trace", "--no-mss", "--tcp", "9", "127.0.0.1")).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("finished").isTrue();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(err).isEqualTo(ExitCodes.ERROR);
        assertThat(err.strip().lines()).as(err).singleElement().asString()
                .startsWith("trace: --tcp: TCP probes need a raw socket").contains("run as root").contains("CAP_NET_RAW");
    }
}
