package io.pmtuwatch.stream.topology;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.pmtuwatch.stream.config.ConfigLoader;
import io.pmtuwatch.stream.metrics.PipelineMetrics;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.processor.internals.ClientUtils;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.Optional;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

class StreamsSettingsTest {

    /**
     * Kafka Streams' partition assignor reads its settings from the main consumer's (AssignorConfiguration, a
     * quiet StreamsConfig that still warns when the global processing exception handler is off): our settings
     * must reach that copy, or every stream thread's start logs a warning about a setting we do set.
     */
    @Test
    void theAssignorsCopyOfTheSettingsHasTheGlobalProcessingExceptionHandlerOn() throws Exception {
        Properties props = StreamsSettings.of(ConfigLoader.load(Optional.empty(), Map.of()), new PipelineMetrics(), Optional.empty());
        Map<String, Object> mainConsumer = new StreamsConfig(props).getMainConsumerConfigs("group", "client", 0);
        Logger streamsConfigLog = (Logger) LoggerFactory.getLogger(StreamsConfig.class);
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        logged.start();
        streamsConfigLog.addAppender(logged);
        try {
            new ClientUtils.QuietStreamsConfig(mainConsumer);
        } finally {
            streamsConfigLog.detachAppender(logged);
        }
        assertThat(logged.list).extracting(ILoggingEvent::getFormattedMessage)
                .noneMatch(line -> line.contains("Processing exception handler is not enabled"));
        assertThat(new ClientUtils.QuietStreamsConfig(mainConsumer).getBoolean(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG))
                .isTrue();
    }
}
