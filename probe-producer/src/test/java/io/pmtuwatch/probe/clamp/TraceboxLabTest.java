package io.pmtuwatch.probe.clamp;

import static org.assertj.core.api.Assertions.assertThat;

import io.pmtuwatch.lab.Family;
import io.pmtuwatch.lab.Lab;
import io.pmtuwatch.lab.TcpListener;
import io.pmtuwatch.lab.Topologies;
import io.pmtuwatch.probe.cli.ProbeMain;
import io.pmtuwatch.testsupport.RequiresRoot;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import picocli.CommandLine;

/**
 * The clamp lab (r2 rewrites the MSS of forwarded SYNs to 1200, IPv4 and IPv6): TTL-limited SYNs
 * find it at hop 2, named by its address, with the values before and after; the clean lab shows none.
 */
@RequiresRoot
class TraceboxLabTest {

    private static final int PORT = 8443;
    private static Lab clamp;
    private static TcpListener listener;

    @BeforeAll
    static void build() throws Exception {
        clamp = Lab.build(Topologies.mssClamp());
        listener = TcpListener.start(clamp.server(), PORT);
    }

    @AfterAll
    static void tearDown() {
        if (listener != null) {
            listener.close();
        }
        if (clamp != null) {
            clamp.close();
        }
    }

    @ParameterizedTest
    @EnumSource(Family.class)
    void locatesTheClampAtTheRightHop(Family family) throws Exception {
        Map.Entry<Integer, Integer> truth = clamp.truth().clamps().entrySet().iterator().next();
        InetAddress server = InetAddress.getByName(clamp.truth().serverAddress(family));

        ClampVerdict verdict = clamp.agent().call(() -> new Tracebox(8, Duration.ofSeconds(2)).locate(server, PORT));

        assertThat(verdict.changes()).as(verdict::toString).singleElement().satisfies(change -> {
            assertThat(change.exact()).isTrue();
            assertThat(change.firstTtl()).isEqualTo(truth.getKey());
            assertThat(change.router()).isEqualTo(clamp.truth().hopAddress(family, truth.getKey()));
            assertThat(change.before()).isEqualTo(family == Family.V4 ? 1460 : 1440);
            assertThat(change.after()).isEqualTo(truth.getValue());
        });
        assertThat(verdict.reachedTtl()).isEqualTo(clamp.truth().serverTtl());
    }

    @ParameterizedTest
    @EnumSource(Family.class)
    void clampCommandPrintsTheFinding(Family family) {
        CommandLine cl = ProbeMain.commandLine();
        StringWriter out = new StringWriter();
        cl.setOut(new PrintWriter(out));
        int code = cl.execute("clamp", clamp.truth().serverAddress(family), "--port", String.valueOf(PORT),
                "--netns", clamp.agentNamespace(), "--max-ttl", "8");
        assertThat(code).as(out::toString).isEqualTo(1);
        assertThat(out.toString()).contains("MSS clamped at hop 2 (" + clamp.truth().hopAddress(family, 2) + ")")
                .contains("-> 1200").contains("MSS_CLAMPED");
    }
}
