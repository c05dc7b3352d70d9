package org.customssentinel.cli;

import java.time.Duration;

import org.customssentinel.producer.publish.PublishConfig;
import picocli.CommandLine.Option;

/** How topics are created when absent, and how long to wait for Kafka and the registry. */
public final class TopicOptions {

    @Option(names = "--topic", defaultValue = PublishConfig.DECLARATIONS_TOPIC, paramLabel = "TOPIC",
            description = "Declarations topic (default: ${DEFAULT-VALUE}).")
    String topic;

    @Option(names = "--rejected-topic", defaultValue = PublishConfig.REJECTED_TOPIC, paramLabel = "TOPIC",
            description = "Rejected records topic (default: ${DEFAULT-VALUE}).")
    String rejectedTopic;

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
        return new PublishConfig(settings.kafkaConfigs(), topic, rejectedTopic, partitions, replicationFactor, timeout);
    }
}
