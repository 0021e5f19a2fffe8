package io.pmtuwatch.stream.view;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged path view: every file is in the jar with its type, every module the scripts import
 * is served, and no script parses text as HTML (the rendering rule that keeps network-supplied
 * names and addresses inert; the Chromium test in demo checks the outcome in a real browser).
 */
class ViewAssetsTest {

    private static final Pattern IMPORT = Pattern.compile("from '\\./([a-z-]+\\.js)'");

    private final ViewAssets assets = ViewAssets.load();

    @Test
    void everyFileIsServedWithItsType() {
        assertThat(assets.find("").orElseThrow().contentType()).startsWith("text/html");
        assertThat(assets.find("style.css").orElseThrow().contentType()).startsWith("text/css");
        assertThat(assets.find("js/main.js").orElseThrow().contentType()).startsWith("text/javascript");
        assertThat(assets.find("../logback.xml")).isEmpty();
        assertThat(assets.find("js/../../logback.xml")).isEmpty();
    }

    @Test
    void everyImportedModuleIsServed() {
        for (String file : ViewAssets.FILES) {
            if (file.endsWith(".js")) {
                Matcher m = IMPORT.matcher(text(file));
                while (m.find()) {
                    assertThat(assets.find("js/" + m.group(1))).as(file + " imports " + m.group(1)).isPresent();
                }
            }
        }
    }

    @Test
    void noScriptParsesTextAsHtml() {
        for (String file : ViewAssets.FILES) {
            if (file.endsWith(".js")) {
                assertThat(text(file)).as(file)
                        .doesNotContain("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(");
            }
        }
    }

    @Test
    void thePageLoadsOnlyItsOwnFiles() {
        String html = text("index.html");
        assertThat(html).contains("src=\"js/main.js\"").contains("href=\"style.css\"")
                .doesNotContain("http://", "https://", "<script>");
    }

    private String text(String file) {
        return new String(assets.find(file).orElseThrow().bytes(), StandardCharsets.UTF_8);
    }
}
