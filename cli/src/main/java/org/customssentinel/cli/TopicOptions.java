package org.customssentinel.cli;

import org.customssentinel.producer.publish.PublishConfig;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** How topics are created when absent, and how long to wait for Kafka and the registry. */
public final class TopicOptions {

    @Option(names = "--topic", defaultValue = PublishConfig.DECLARATIONS_TOPIC, paramLabel = "TOPIC",
            description = "Declarations topic (default: ${DEFAULT-VALUE}).")
    String topic;

    @Option(names = "--rejected-topic", defaultValue = PublishConfig.REJECTED_TOPIC, paramLabel = "TOPIC",
            description = "Rejected records topic (default: ${DEFAULT-VALUE}).")
    String rejectedTopic;

    @Mixin
    ProvisioningOptions provisioning;

    public PublishConfig publishConfig(ClientSettings settings) {
        return new PublishConfig(settings.kafkaConfigs(), topic, rejectedTopic, provisioning.partitions, provisioning.replicationFactor,
                provisioning.timeout);
    }
}
