package io.pmtuwatch.stream.config;

/** The topics the topology reads and writes. */
public record TopicNames(String hopObservations, String handshakeObservations, String diagnoses, String anomalies,
                         String links, String deadLetter) {

    static TopicNames from(RawConfig raw) {
        return new TopicNames(raw.get(Settings.HOP_TOPIC), raw.get(Settings.HANDSHAKE_TOPIC),
                raw.get(Settings.DIAGNOSES_TOPIC), raw.get(Settings.ANOMALIES_TOPIC), raw.get(Settings.LINKS_TOPIC),
                raw.get(Settings.DEAD_LETTER_TOPIC));
    }

    /** Every name with a suffix appended: lets tests share one broker without sharing topics. */
    public TopicNames withSuffix(String suffix) {
        return new TopicNames(hopObservations + suffix, handshakeObservations + suffix, diagnoses + suffix,
                anomalies + suffix, links + suffix, deadLetter + suffix);
    }
}
