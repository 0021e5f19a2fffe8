package io.pmtuwatch.stream.logging;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import org.junit.jupiter.api.Test;

import java.net.URL;

import static org.assertj.core.api.Assertions.assertThat;

/** The processor's own logback.xml (what bin/pmtu-stream and the bench run with) puts the filter on its appender. */
class ShippedLogbackConfigTest {

    @Test
    void theConsoleAppenderLeavesTheTransactionRaceRetriesOut() throws Exception {
        URL shipped = getClass().getClassLoader().getResource("logback.xml");
        assertThat(shipped).as("logback.xml on the class path").isNotNull();
        LoggerContext context = new LoggerContext();
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        configurator.doConfigure(shipped);
        Appender<ILoggingEvent> console = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).getAppender("STDERR");
        assertThat(console).isNotNull();
        assertThat(console.getCopyOfAttachedFiltersList()).hasAtLeastOneElementOfType(TransactionRaceRetryFilter.class);
        context.stop();
    }
}
