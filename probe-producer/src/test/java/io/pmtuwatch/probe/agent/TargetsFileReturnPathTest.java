package io.pmtuwatch.probe.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.pmtuwatch.probe.returnpath.ReturnRequest;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The targets file's return_path / http_path keys. */
class TargetsFileReturnPathTest {

    private static List<String> problems(String yaml) {
        try {
            TargetsFileParser.parse(yaml, "targets.yaml");
            return List.of();
        } catch (TargetsFileException e) {
            return e.problems();
        }
    }

    @Test
    void returnPathIsOffUnlessAskedAndCarriesItsHttpPath() throws Exception {
        List<TargetSpec> targets = TargetsFileParser.parse("""
                - host: a.example
                  port: 443
                - host: b.example
                  port: 8080
                  return_path: auto
                  http_path: /big.bin
                - host: c.example
                  port: 2222
                  return_path: tls
                """, "targets.yaml");
        assertThat(targets.get(0).returnPath()).isEqualTo(TargetSpec.ReturnPathSpec.OFF);
        assertThat(targets.get(1).returnPath()).isEqualTo(new TargetSpec.ReturnPathSpec(ReturnRequest.AUTO, "/big.bin"));
        assertThat(targets.get(2).returnPath().request()).isEqualTo(ReturnRequest.TLS);
    }

    @Test
    void badReturnPathSettingsAreReportedWithTheirPlace() {
        assertThat(problems("""
                - host: a.example
                  port: 2222
                  return_path: auto
                - host: b.example
                  port: 53
                  protocol: udp
                  return_path: http
                - host: c.example
                  port: 80
                  return_path: ftp
                  http_path: big
                - host: d.example
                  port: 80
                  http_path: /x
                """)).containsExactlyInAnyOrder(
                "targets.yaml:3:16: return_path auto: port 2222 is neither a well-known HTTP nor TLS port (say http or tls)",
                "targets.yaml:7:16: return_path needs protocol tcp",
                "targets.yaml:10:16: return path must be auto, http, tls or off, not 'ftp'",
                "targets.yaml:11:14: http_path 'big' must start with /",
                "targets.yaml:14:14: http_path needs return_path (auto or http)");
    }
}
