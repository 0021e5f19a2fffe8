package io.pmtuwatch.probe.capture;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link JsonWriter} copies the text of a string instance it wrote recently instead of escaping it again:
 * the document must stay what Jackson writes, with instances repeated far more often than there are
 * slots, more distinct instances than slots (replaced in their slots), texts to escape, texts too long to
 * keep, nulls, and buffers small enough that values are cut by drains.
 */
class JsonWriterRecentValuesTest {

    @ParameterizedTest
    @ValueSource(ints = {64, 200, 1 << 16})
    void repeatedInstancesWriteTheSameDocumentAsJackson(int bufferChars) throws Exception {
        Random random = new Random(bufferChars);
        List<String> pool = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            StringBuilder text = new StringBuilder("value " + i);
            if (i % 7 == 0) {
                text.append(" \"quoted\" \\ tab\t newline\n control\u0001 é \u20AC \uD83D\uDE00");
            }
            if (i % 50 == 0) {
                text.append("x".repeat(1500)); // longer than the writer keeps
            }
            pool.add(i % 97 == 0 ? "" : text.toString());
        }
        List<String> values = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            // Mostly a handful of instances, as in a PTB flood; the rest spread over the whole pool.
            values.add(random.nextInt(10) < 8 ? pool.get(random.nextInt(5)) : random.nextInt(50) == 0 ? null
                    : pool.get(random.nextInt(pool.size())));
        }

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        JsonWriter g = new JsonWriter(out, StandardCharsets.UTF_8, bufferChars);
        g.beginArray();
        for (String value : values) {
            g.value(value);
        }
        g.endArray();
        g.flush();

        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(new ObjectMapper().writeValueAsString(values));
    }
}
