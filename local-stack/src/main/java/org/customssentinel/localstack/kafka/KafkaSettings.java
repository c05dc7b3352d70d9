package org.customssentinel.localstack.kafka;

import java.nio.file.Path;
import java.util.Optional;

/**
 * How the in-process Kafka cluster is laid out.
 *
 * @param brokers number of brokers (1, or 3 for fault tests); broker 0 is also the KRaft controller
 * @param port    client port of broker 0 on 127.0.0.1 (broker i gets {@code port + i}); 0 picks free ports
 * @param dataDir where logs and metadata live and stay after stop; empty means a temp dir removed on stop
 */
public record KafkaSettings(int brokers, int port, Optional<Path> dataDir) {

    public KafkaSettings {
        if (brokers < 1 || brokers > 9) {
            throw new IllegalArgumentException("brokers must be between 1 and 9, was " + brokers);
        }
        if (port < 0 || port + brokers - 1 > 65_535) {
            throw new IllegalArgumentException("Kafka port must be between 0 and 65535, was " + port);
        }
        dataDir = dataDir == null ? Optional.empty() : dataDir;
    }

    /** One broker on free ports in a temp dir: what tests want. */
    public static KafkaSettings ephemeral() {
        return new KafkaSettings(1, 0, Optional.empty());
    }
}
