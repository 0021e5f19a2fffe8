package io.pmtuwatch.probe.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pmtuwatch.schemas.Transport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TargetsFileParserTest {

    private static List<String> problems(String yaml) {
        try {
            TargetsFileParser.parse(yaml, "targets.yaml");
        } catch (TargetsFileException e) {
            return e.problems();
        }
        throw new AssertionError("expected the file to be rejected");
    }

    @Test
    void readsEveryFieldAndAppliesDefaults() throws Exception {
        String yaml = """
                # comment
                - host: example.net
                  port: 443
                  protocol: tcp
                  ip: 6
                  interval: 5m
                  netns: lab-agent
                - host: 192.0.2.7
                  port: 53
                  protocol: UDP
                - host: 2001:db8::1
                  protocol: icmp
                  interval: 500ms
                """;

        List<TargetSpec> targets = TargetsFileParser.parse(yaml.replace("500ms", "2s"), "targets.yaml");

        assertThat(targets).containsExactly(
                new TargetSpec("example.net", 443, Transport.TCP, IpPreference.V6, Duration.ofMinutes(5), "lab-agent", 2),
                new TargetSpec("192.0.2.7", 53, Transport.UDP, IpPreference.AUTO, Duration.ofSeconds(60), null, 8),
                new TargetSpec("2001:db8::1", 0, Transport.ICMP, IpPreference.AUTO, Duration.ofSeconds(2), null, 11));
        assertThat(targets.get(0).label()).isEqualTo("tcp://example.net:443 (v6) netns lab-agent");
    }

    @Test
    void portOutOfRangeNamesItsLineAndColumn() {
        String yaml = """
                - host: a.example
                  port: 443
                - host: b.example
                  port: 70000
                """;

        assertThat(problems(yaml)).containsExactly("targets.yaml:4:9: port 70000 is out of range (1-65535)");
    }

    @Test
    void unknownProtocolAndUnknownKeyAndBadIpAreAllReported() {
        String yaml = """
                - host: a.example
                  port: 80
                  protocol: sctp
                  ip: 5
                  intervall: 10s
                """;

        assertThat(problems(yaml)).containsExactlyInAnyOrder(
                "targets.yaml:3:13: unknown protocol 'sctp' (use tcp, udp or icmp)",
                "targets.yaml:4:7: ip '5' must be 4, 6 or auto",
                "targets.yaml:5:3: unknown key 'intervall' (known: host, http_path, interval, ip, netns, port, probe, protocol, return_path)");
    }

    @Test
    void missingFieldsPointAtTheEntry() {
        String yaml = """
                - host: a.example
                  port: 80
                -   protocol: udp
                """;

        assertThat(problems(yaml)).containsExactlyInAnyOrder(
                "targets.yaml:3:5: missing 'host'",
                "targets.yaml:3:5: missing 'port' (required for udp)");
    }

    @Test
    void badIntervalsAreRejected() {
        String yaml = """
                - host: a.example
                  port: 80
                  interval: soon
                - host: b.example
                  port: 80
                  interval: 100ms
                """;

        assertThat(problems(yaml)).containsExactly(
                "targets.yaml:3:13: interval 'soon' is not a duration (e.g. 500ms, 30s, 5m, 1h)",
                "targets.yaml:6:13: interval 100ms is out of range (1s-24h)");
    }

    @Test
    void syntaxErrorsCarryTheParserMark() {
        String yaml = """
                - host: a.example
                  port: 80
                 - host: b.example
                """;

        assertThat(problems(yaml)).singleElement().asString().startsWith("targets.yaml:3:").contains("not valid YAML");
    }

    @Test
    void duplicateKeysAndDuplicateTargetsAreErrors() {
        assertThat(problems("- host: a.example\n  port: 80\n  port: 81\n"))
                .containsExactly("targets.yaml:3:3: duplicate key port (first on line 2)");
        assertThat(problems("- host: a.example\n  port: 80\n- host: A.example\n  port: 80\n"))
                .containsExactly("targets.yaml:3:3: duplicate of the target on line 1");
    }

    @Test
    void notAListOrEmptyIsAnError() {
        assertThat(problems("host: a.example\n")).containsExactly(
                "targets.yaml:1:1: expected a list of targets (\"- host: ...\")");
        assertThat(problems("")).containsExactly("targets.yaml:1:1: expected a list of targets (\"- host: ...\")");
        assertThat(problems("[]")).containsExactly("targets.yaml:1:1: no targets");
        assertThat(problems("- just-a-string\n")).singleElement().asString()
                .startsWith("targets.yaml:1:3: expected a target with keys");
    }

    @Test
    void icmpWithAPortAndNestedValuesAreErrors() {
        assertThat(problems("- host: a.example\n  protocol: icmp\n  port: 7\n"))
                .containsExactly("targets.yaml:3:9: icmp targets have no port");
        assertThat(problems("- host: [a, b]\n  port: 80\n"))
                .containsExactlyInAnyOrder("targets.yaml:1:9: 'host' must be a single value",
                        "targets.yaml:1:3: missing 'host'");
    }

    @Test
    void unreadableFileNamesIt(@TempDir Path dir) throws Exception {
        Path missing = dir.resolve("nope.yaml");
        assertThatThrownBy(() -> TargetsFileParser.parse(missing)).isInstanceOf(TargetsFileException.class)
                .hasMessageContaining(missing.toString()).hasMessageContaining("cannot read");

        Path file = Files.writeString(dir.resolve("t.yaml"), "- host: a.example\n  port: 99999\n");
        assertThatThrownBy(() -> TargetsFileParser.parse(file)).hasMessage(file + ":2:9: port 99999 is out of range (1-65535)");
    }
}
