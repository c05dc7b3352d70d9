package org.customssentinel.producer.publish;

/** Publishing cannot go on: Kafka or the registry is unreachable or refused, or --strict met an invalid record. */
public final class PublishException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public PublishException(String message) {
        super(message);
    }

    public PublishException(String message, Throwable cause) {
        super(message, cause);
    }
}
