package io.pmtuwatch.schemas.client;

/** A Kafka client config file that cannot be used; the message names the file, the line and what to do. */
public final class KafkaClientConfigException extends RuntimeException {

    public KafkaClientConfigException(String message) {
        super(message);
    }
}
