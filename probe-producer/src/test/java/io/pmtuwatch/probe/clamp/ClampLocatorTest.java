package io.pmtuwatch.probe.clamp;

import static org.assertj.core.api.Assertions.assertThat;

import io.pmtuwatch.probe.packet.SynSegment;
import io.pmtuwatch.probe.clamp.HopQuote.Kind;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClampLocatorTest {

    private static HopQuote quote(int ttl, Integer mss) {
        return new HopQuote(ttl, "10.0." + ttl + ".1", Kind.TIME_EXCEEDED, mss, true);
    }

    private static HopQuote blind(int ttl) {
        return new HopQuote(ttl, "10.0." + ttl + ".1", Kind.TIME_EXCEEDED, null, false);
    }

    private static HopQuote reached(int ttl) {
        return new HopQuote(ttl, "10.0.9.9", Kind.REACHED, 1460, true);
    }

    @Test
    void clampAtTheRouterBeforeTheFirstChangedQuote() {
        ClampVerdict v = ClampLocator.locate(1460, List.of(quote(1, 1460), quote(2, 1460), quote(3, 1200), reached(4)));
        assertThat(v.changes()).containsExactly(new ClampChange(2, 2, "10.0.2.1", 1460, 1200));
        assertThat(v.conclusion()).isEqualTo("MSS clamped at hop 2 (10.0.2.1): 1460 -> 1200");
        assertThat(v.reachedTtl()).isEqualTo(4);
    }

    @Test
    void shortQuotesWidenTheRangeAndAreSaid() {
        ClampVerdict v = ClampLocator.locate(1460, List.of(quote(1, 1460), blind(2), quote(3, 1200)));
        assertThat(v.changes()).containsExactly(new ClampChange(1, 2, null, 1460, 1200));
        assertThat(v.conclusion()).contains("between hop 1 and hop 2").contains("too short");
        assertThat(v.blindTtls()).containsExactly(2);
    }

    @Test
    void onlyShortQuotesCannotTell() {
        ClampVerdict v = ClampLocator.locate(1460, List.of(blind(1), blind(2), reached(3)));
        assertThat(v.clampFound()).isFalse();
        assertThat(v.conclusion()).isEqualTo("quotes too short to tell (only the first 8 bytes of TCP quoted)");
    }

    @Test
    void unchangedUpToTheTarget() {
        ClampVerdict v = ClampLocator.locate(1460, List.of(quote(1, 1460), quote(2, 1460), reached(3)));
        assertThat(v.clampFound()).isFalse();
        assertThat(v.conclusion()).isEqualTo("no MSS clamp seen up to the target");
    }

    @Test
    void findingNamesHopAndValues() {
        ClampVerdict v = ClampLocator.locate(1460, List.of(quote(1, 1460), quote(2, 1460), quote(3, 1200)));
        var findings = ClampFindings.of(v, 4);
        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.getCode().name()).isEqualTo("MSS_CLAMPED");
            assertThat(f.getSeverity().name()).isEqualTo("WARNING");
            assertThat(f.getHop()).isEqualTo("10.0.2.1");
            assertThat(f.getMessage()).contains("1460").contains("1200");
        });
    }

    @Test
    void synChecksumVerifiesToZero() throws Exception {
        var src = java.net.InetAddress.getByName("2001:db8::2");
        var dst = java.net.InetAddress.getByName("2001:db8::1");
        byte[] syn = SynSegment.build(src, dst, 40000, 443, 12345, 1440);
        // Summing a segment that carries its own checksum gives 0 (complemented).
        assertThat(SynSegment.checksum(src, dst, syn)).isZero();
        assertThat(syn[20]).isEqualTo((byte) 2);
        assertThat(((syn[22] & 0xFF) << 8) | (syn[23] & 0xFF)).isEqualTo(1440);
    }
}
