package io.pmtuwatch.probe.capture;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.pmtuwatch.probe.capture.AnalysisReport.MtuEventView;
import io.pmtuwatch.probe.capture.AnalysisReport.PtbView;
import io.pmtuwatch.probe.packet.IcmpKind;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link EventEntries} copies an entry's text after its frame number from an earlier entry of the same
 * content: the entries must be what Jackson writes of their views, one by one, for a flood of a few messages
 * mixed with messages that differ from another in one field only (so that they meet in one slot), equal
 * texts and note lists in other instances, texts to escape, and buffers small enough that entries are cut by
 * drains.
 */
class EventEntriesTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String[] ROUTERS = {"192.0.2.1", "2001:db8::1", "router \"quoted\"\t\u0001 é"};
    private static final String[] FLOWS = {"tcp 10.0.0.1:1 > 10.0.0.2:2", "?", "udp [2001:db8::2]:53 > [2001:db8::3]:9"};
    private static final List<List<String>> NOTES = List.of(List.of(), List.of("one"), List.of("two"),
            List.of("one", "two \\ \u20AC \uD83D\uDE00"));

    @ParameterizedTest
    @ValueSource(ints = {64, 300, 1 << 16})
    void eventEntriesAreWhatJacksonWritesOfTheirViews(int bufferChars) throws Exception {
        Random random = new Random(bufferChars);
        List<MtuEvent> events = new ArrayList<>();
        List<String> quotedFlows = new ArrayList<>();
        MtuEvent flood = event(random, 1);
        String floodFlow = FLOWS[0];
        for (int i = 0; i < 20_000; i++) {
            boolean repeat = random.nextInt(4) != 0;
            events.add(repeat ? again(flood, i) : event(random, i));
            // Equal texts in other instances too: content decides, not identity.
            quotedFlows.add(repeat ? floodFlow : new String(FLOWS[random.nextInt(FLOWS.length)]));
        }
        List<MtuEventView> views = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            views.add(MtuEventViews.view(events.get(i), quotedFlows.get(i)));
        }

        List<Integer> indexes = IntStream.range(0, events.size()).boxed().toList();
        String expected = MAPPER.writeValueAsString(views);
        assertThat(written(bufferChars, indexes, (entries, g, i) -> entries.event(g, events.get(i), quotedFlows.get(i))))
                .isEqualTo(expected);
        assertThat(written(bufferChars, views, EventEntries::event)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(ints = {64, 300, 1 << 16})
    void ptbEntriesAreWhatJacksonWritesOfTheirViews(int bufferChars) throws Exception {
        Random random = new Random(bufferChars);
        List<MtuEvent> events = new ArrayList<>();
        MtuEvent flood = event(random, 1);
        for (int i = 0; i < 20_000; i++) {
            events.add(random.nextInt(4) != 0 ? again(flood, i) : event(random, i));
        }
        List<PtbView> views = new PtbViews(events);

        String expected = MAPPER.writeValueAsString(views);
        assertThat(written(bufferChars, events, EventEntries::ptb)).isEqualTo(expected);
        assertThat(written(bufferChars, views, EventEntries::ptb)).isEqualTo(expected);
    }

    /** How one item becomes an entry of the array. */
    private interface Entry<T> {
        void write(EventEntries entries, JsonWriter g, T item) throws IOException;
    }

    /** A JSON array of {@code items} written by a fresh {@link EventEntries}, as UTF-8 text. */
    private static <T> String written(int bufferChars, List<T> items, Entry<T> entry) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        JsonWriter g = new JsonWriter(out, StandardCharsets.UTF_8, bufferChars);
        EventEntries entries = new EventEntries();
        g.beginArray();
        for (T item : items) {
            entry.write(entries, g, item);
        }
        g.endArray();
        g.flush();
        return out.toString(StandardCharsets.UTF_8);
    }

    /** One field or two drawn from a few values each: many entries share a slot and differ in one field. */
    private static MtuEvent event(Random random, long frame) throws Exception {
        IcmpKind kind = random.nextBoolean() ? IcmpKind.FRAG_NEEDED : IcmpKind.PACKET_TOO_BIG;
        String router = new String(ROUTERS[random.nextInt(2) == 0 ? random.nextInt(ROUTERS.length) : 0]);
        String receiver = random.nextBoolean() ? "10.0.0.1" : "10.0.0.9";
        int mtu = random.nextInt(3) == 0 ? 1280 + random.nextInt(300) : 1400;
        int quotedLength = 1500 + random.nextInt(2);
        int refusedSize = random.nextBoolean() ? quotedLength : 9000;
        String invalid = switch (random.nextInt(4)) {
            case 0 -> "MTU not smaller";
            case 1 -> "IPv6 MTU below 1280";
            default -> null;
        };
        List<String> notes = new ArrayList<>(NOTES.get(random.nextInt(NOTES.size())));
        InetAddress a = InetAddress.getByName("10.0.0.1");
        InetAddress b = InetAddress.getByName("10.0.0.2");
        FlowKey key = FlowKey.of(6, new Endpoint(a, 1), new Endpoint(b, 2));
        return new MtuEvent(frame, frame * 1000, kind, router, receiver, 64, mtu, key, key.low(), key.high(), 6,
                quotedLength, refusedSize, invalid, notes);
    }

    /** {@code e} again, as frame {@code frame}: the same instances, as a flood's events are. */
    private static MtuEvent again(MtuEvent e, long frame) {
        return new MtuEvent(frame, frame * 1000, e.kind(), e.router(), e.receiver(), e.ttl(), e.mtu(), e.flow(),
                e.quotedSource(), e.quotedDestination(), e.protocol(), e.quotedLength(), e.refusedSize(),
                e.invalidReason(), e.notes());
    }
}
