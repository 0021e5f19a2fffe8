package io.pmtuwatch.schemas;

/** Default names of the topics that form the public contract. Apps may override them in their config. */
public final class Topics {
    public static final String HOP_OBSERVATIONS = "pmtu.hop-observations";
    public static final String HANDSHAKE_OBSERVATIONS = "pmtu.handshake-observations";
    public static final String DIAGNOSES = "pmtu.diagnoses";
    public static final String ANOMALIES = "pmtu.anomalies";
    public static final String LINKS = "pmtu.links";
    public static final String DEAD_LETTER = "pmtu.dead-letter";

    private Topics() {
    }
}
