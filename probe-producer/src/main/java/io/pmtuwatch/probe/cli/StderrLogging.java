package io.pmtuwatch.probe.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import ch.qos.logback.core.spi.ContextAwareBase;

/**
 * The agent's logging, set up in code (found by logback through the service loader) instead of a
 * logback.xml: parsing XML with Joran loads about 600 classes and was a third of a short command's
 * start-up; the line is {@link StderrLineLayout}, not a pattern (PatternLayout's set-up was most of the rest). Quiet by default: the commands print their own results on stdout; logs go to stderr at
 * WARN, {@code PMTU_LOG_LEVEL=DEBUG} shows every probe and answer of the agent's own loggers.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_HIGH_PRIORITY)
public final class StderrLogging extends ContextAwareBase implements Configurator {

    /** The environment variable that sets the level of the {@code io.pmtuwatch} loggers. */
    public static final String LEVEL_VARIABLE = "PMTU_LOG_LEVEL";

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        ClassLoader loader = StderrLogging.class.getClassLoader();
        if (System.getProperty("logback.configurationFile") != null
                || loader.getResource("logback-test.xml") != null || loader.getResource("logback.xml") != null) {
            // An application that embeds the agent (the demo, tests) brings its own configuration.
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        StderrLineLayout layout = new StderrLineLayout();
        layout.setContext(context);
        layout.start();
        LayoutWrappingEncoder<ILoggingEvent> encoder = new LayoutWrappingEncoder<>();
        encoder.setContext(context);
        encoder.setLayout(layout);
        encoder.start();
        ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
        stderr.setContext(context);
        stderr.setName("STDERR");
        stderr.setTarget("System.err");
        stderr.setEncoder(encoder);
        stderr.start();
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.WARN);
        root.addAppender(stderr);
        context.getLogger("io.pmtuwatch").setLevel(Level.toLevel(System.getenv(LEVEL_VARIABLE), Level.WARN));
        // Kafka clients warn on every reconnect attempt (hundreds a minute while a broker is away); our own
        // lines say once per period which address does not answer and what to check.
        context.getLogger("org.apache.kafka.clients.NetworkClient").setLevel(Level.ERROR);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }
}
