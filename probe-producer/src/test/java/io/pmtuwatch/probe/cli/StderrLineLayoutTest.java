package io.pmtuwatch.probe.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.LoggingEvent;
import org.junit.jupiter.api.Test;

class StderrLineLayoutTest {

    private final LoggerContext context = new LoggerContext();

    /** The hand-written line is the one the pattern it replaced gave, exception included. */
    @Test
    void writesWhatThePatternWrote() {
        PatternLayout pattern = new PatternLayout();
        pattern.setContext(context);
        pattern.setPattern("%d{HH:mm:ss.SSS} %-5level %logger{24} - %msg%n");
        pattern.start();
        StderrLineLayout layout = new StderrLineLayout();
        layout.setContext(context);
        layout.start();

        for (LoggingEvent event : new LoggingEvent[] {
                event("io.pmtuwatch.probe.agent.ProbeAgent", Level.WARN, 1_765_000_000_007L, null, "agent {} down", "fra-1"),
                event("io.pmtuwatch.probe.trace.ProbeSession", Level.DEBUG, 1_765_012_345_678L, null, "probe {}", 3),
                event("Short", Level.ERROR, 59_999L, new IllegalStateException("boom", new RuntimeException("cause")),
                        "failed", null),
                event("org.apache.kafka.clients.producer.internals.Sender", Level.INFO, 0L, null, "plain", null)}) {
            assertThat(layout.doLayout(event)).isEqualTo(pattern.doLayout(event));
        }
    }

    @Test
    void padsTheLevelAndAbbreviatesTheLogger() {
        StderrLineLayout layout = new StderrLineLayout();
        layout.setContext(context);

        String line = layout.doLayout(event("io.pmtuwatch.probe.agent.ProbeAgent", Level.INFO, 0L, null, "hi", null));

        assertThat(line).matches("\\d\\d:\\d\\d:00\\.000 INFO  i\\.p\\.p\\.agent\\.ProbeAgent - hi\\R");
    }

    private LoggingEvent event(String logger, Level level, long millis, Throwable thrown, String message, Object arg) {
        Logger log = context.getLogger(logger);
        LoggingEvent event = new LoggingEvent(Logger.class.getName(), log, level, message, thrown,
                arg == null ? null : new Object[] {arg});
        event.setTimeStamp(millis);
        return event;
    }
}
