package io.pmtuwatch.probe.returnpath;

import static org.assertj.core.api.Assertions.assertThat;

import io.pmtuwatch.schemas.ReturnPath;
import io.pmtuwatch.schemas.ReturnPathMethod;
import io.pmtuwatch.schemas.ReturnPathOutcome;
import io.pmtuwatch.schemas.ReturnPathRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The remembered stalls as a second process sees them: a new store on the same directory. */
class ProvenStallsTest {

    private static final String KEY = "net:[4026531840]|fd00:0:0:3::2|8080";
    private static final Instant PROVED = Instant.parse("2026-12-06T20:00:00Z");

    @TempDir
    Path dir;

    private ProvenStalls storeAt(Instant now) {
        return new ProvenStalls(dir, Clock.fixed(now, ZoneOffset.UTC));
    }

    private static ReturnPath stalled() {
        return ReturnPath.newBuilder()
                .setMethod(ReturnPathMethod.PCAP)
                .setRequest(ReturnPathRequest.HTTP_GET)
                .setOutcome(ReturnPathOutcome.STALLED)
                .setTargetMss(1440)
                .setPtbMtu(1280)
                .setShrankAfterPtb(true)
                .setDurationMicros(900_000L)
                .build();
    }

    private static ReturnPath complete(int targetMss) {
        return ReturnPath.newBuilder(stalled())
                .setOutcome(ReturnPathOutcome.COMPLETE)
                .setTargetMss(targetMss)
                .setPtbMtu(null)
                .setShrankAfterPtb(null)
                .setDurationMicros(40_000L)
                .build();
    }

    @Test
    void aStallProvedByOneProcessIsWhatTheNextProcessReportsWhileTheTargetHoldsOurPtb() {
        ReturnPath first = ReturnPathTest.remembered(storeAt(PROVED), KEY, true, stalled(), 1280);
        assertThat(first.getOutcome()).isEqualTo(ReturnPathOutcome.STALLED);

        // The next process: its own store on the same directory; the target now offers the MSS our PTB implies.
        ReturnPath second = ReturnPathTest.remembered(storeAt(PROVED.plusSeconds(180)), KEY, true, complete(1220), 1280);

        assertThat(second.getOutcome()).isEqualTo(ReturnPathOutcome.STALLED);
        assertThat(second.getTargetMss()).isEqualTo(1440);
        assertThat(second.getDurationMicros()).isEqualTo(40_000L);
        assertThat(second.getError()).contains("3 min ago", "MSS 1220");
    }

    @Test
    void aTargetOfferingMoreThanOurPtbAllowsIsMeasuredAfresh() {
        ReturnPathTest.remembered(storeAt(PROVED), KEY, true, stalled(), 1280);

        ReturnPath again = ReturnPathTest.remembered(storeAt(PROVED.plusSeconds(60)), KEY, true, complete(1440), 1280);

        assertThat(again.getOutcome()).isEqualTo(ReturnPathOutcome.COMPLETE);
        assertThat(again.getError()).isNull();
    }

    @Test
    void aStallOlderThanTheTargetsPmtuMemoryIsForgotten() {
        ReturnPathTest.remembered(storeAt(PROVED), KEY, true, stalled(), 1280);

        ReturnPath later = ReturnPathTest.remembered(storeAt(PROVED.plus(ReturnPathTest.PTB_MEMORY).plusSeconds(1)),
                KEY, true, complete(1220), 1280);

        assertThat(later.getOutcome()).isEqualTo(ReturnPathOutcome.COMPLETE);
    }

    @Test
    void otherTargetsAndDamagedRecordsCountAsNothingRemembered() throws Exception {
        storeAt(PROVED).remember(KEY, stalled());
        ProvenStalls next = storeAt(PROVED.plusSeconds(10));

        assertThat(next.recall("net:[4026531840]|10.9.3.2|8080", Duration.ofMinutes(10))).isEmpty();
        assertThat(next.recall(KEY, Duration.ofMinutes(10))).isPresent();

        try (var files = Files.list(dir)) {
            Path only = files.findFirst().orElseThrow();
            Files.write(only, new byte[] {0, 0, 1});
        }
        assertThat(next.recall(KEY, Duration.ofMinutes(10))).isEmpty();
    }

    @Test
    void anUnwritableDirectoryLeavesTheResultAsMeasured() throws Exception {
        Path notADirectory = Files.writeString(dir.resolve("file"), "x");
        ProvenStalls store = new ProvenStalls(notADirectory.resolve("return-path"), Clock.systemUTC());

        ReturnPath result = ReturnPathTest.remembered(store, KEY, false, stalled(), 1280);

        assertThat(result).isEqualTo(stalled());
        assertThat(store.recall(KEY, Duration.ofMinutes(10))).isEmpty();
    }

    @Test
    void theStateDirectoryFollowsTheSettingThenXdg() {
        assertThat(ProvenStalls.stateDirectory(Map.of("PMTU_STATE_DIR", "/var/lib/pmtu", "XDG_STATE_HOME", "/x")))
                .isEqualTo(Path.of("/var/lib/pmtu"));
        assertThat(ProvenStalls.stateDirectory(Map.of("XDG_STATE_HOME", "/x"))).isEqualTo(Path.of("/x/pmtu-watch"));
        assertThat(ProvenStalls.stateDirectory(Map.of()))
                .isEqualTo(Path.of(System.getProperty("user.home"), ".local", "state", "pmtu-watch"));
    }
}
