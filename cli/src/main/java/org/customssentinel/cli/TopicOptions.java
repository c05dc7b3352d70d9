package org.customssentinel.cli;

import java.time.Duration;

import org.customssentinel.producer.publish.PublishConfig;
import picocli.CommandLine.Option;

/** How topics are created when absent, and how long to wait for Kafka and the registry. */
public final class TopicOptions {

    @Option(names = "--partitions", defaultValue = "6", paramLabel = "N",
            description = "Partitions of topics created when absent (default: ${DEFAULT-VALUE}).")
    int partitions;

    @Option(names = "--replication-factor", defaultValue = "1", paramLabel = "N",
            description = "Replication factor of topics created when absent: 1 locally, 3 in production (default: ${DEFAULT-VALUE}).")
    short replicationFactor;

    @Option(names = "--timeout", defaultValue = "PT30S", paramLabel = "DURATION",
            description = "How long to wait for Kafka and the registry before giving up, ISO-8601 (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    public PublishConfig publishConfig(ClientSettings settings) {
        return new PublishConfig(settings.kafkaConfigs(), PublishConfig.DECLARATIONS_TOPIC, PublishConfig.REJECTED_TOPIC,
                partitions, replicationFactor, timeout);
    }
}
