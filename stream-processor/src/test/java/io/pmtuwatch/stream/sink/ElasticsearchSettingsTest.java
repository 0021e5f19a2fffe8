package io.pmtuwatch.stream.sink;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ElasticsearchSettingsTest {

    @Test
    void severalUrlsWithDefaultPort() {
        ElasticsearchSettings s = ElasticsearchSettings.of("http://es1:9200, https://es2", null, null, null, null);
        assertThat(s.urls()).containsExactly(URI.create("http://es1:9200"), URI.create("https://es2:9200"));
    }

    @Test
    void everyProblemIsNamedInOneMessage() {
        assertThatThrownBy(() -> ElasticsearchSettings.of("es1:9200,ftp://x", "key", "elastic", null, "/nope.pem"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'es1:9200' is not an http(s)://host[:port] URL")
                .hasMessageContaining("'ftp://x'")
                .hasMessageContaining("either an API key or a username/password")
                .hasMessageContaining("without a password")
                .hasMessageContaining("CA file /nope.pem does not exist");
        assertThatThrownBy(() -> ElasticsearchSettings.of(" ", null, null, null, null))
                .hasMessageContaining("no Elasticsearch URL");
    }

    @Test
    void aCaFileThatIsNoCertificateFailsAtStart(@TempDir Path dir) throws Exception {
        Path ca = Files.writeString(dir.resolve("ca.pem"), "not a certificate");
        ElasticsearchSettings s = ElasticsearchSettings.of("https://es:9200", null, "elastic", "secret", ca.toString());
        assertThatThrownBy(() -> ElasticsearchClients.create(s)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is not a PEM certificate");
        assertThat(s.toString()).doesNotContain("secret");
        assertThat(ElasticsearchSettings.of("http://es:9200", "k", null, null, null).sendsCredentialsInClear()).isTrue();
        assertThat(List.of(s.sendsCredentialsInClear())).containsExactly(false);
    }
}
