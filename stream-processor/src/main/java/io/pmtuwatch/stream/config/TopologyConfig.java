package io.pmtuwatch.stream.config;

import io.pmtuwatch.schemas.Topics;

import java.time.Duration;
import java.util.Objects;

/**
 * What the topology needs to know: topic names and the timing of run assembly. Built with
 * {@link #defaults()} and the {@code with*} methods; every value is checked when set.
 */
public record TopologyConfig(String hopTopic, String handshakeTopic, String diagnosesTopic,
                             Duration handshakeGrace, Duration runTimeout, Duration scanInterval) {

    public TopologyConfig {
        requireTopic(hopTopic, "hop topic");
        requireTopic(handshakeTopic, "handshake topic");
        requireTopic(diagnosesTopic, "diagnoses topic");
        requirePositive(handshakeGrace, "handshake grace");
        requirePositive(runTimeout, "run timeout");
        requirePositive(scanInterval, "scan interval");
        if (runTimeout.compareTo(handshakeGrace) < 0) {
            throw new IllegalArgumentException("run timeout (" + runTimeout + ") must not be shorter than the handshake grace ("
                    + handshakeGrace + ")");
        }
    }

    public static TopologyConfig defaults() {
        return new TopologyConfig(Topics.HOP_OBSERVATIONS, Topics.HANDSHAKE_OBSERVATIONS, Topics.DIAGNOSES,
                Duration.ofMillis(500), Duration.ofSeconds(60), Duration.ofMillis(200));
    }

    public TopologyConfig withRunTimeout(Duration timeout) {
        return new TopologyConfig(hopTopic, handshakeTopic, diagnosesTopic, handshakeGrace, timeout, scanInterval);
    }

    public TopologyConfig withHandshakeGrace(Duration grace) {
        return new TopologyConfig(hopTopic, handshakeTopic, diagnosesTopic, grace, runTimeout, scanInterval);
    }

    private static void requireTopic(String topic, String what) {
        if (topic == null || topic.isBlank()) {
            throw new IllegalArgumentException(what + " must be a topic name");
        }
    }

    private static void requirePositive(Duration duration, String what) {
        Objects.requireNonNull(duration, what);
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(what + " must be positive, was " + duration);
        }
    }
}
