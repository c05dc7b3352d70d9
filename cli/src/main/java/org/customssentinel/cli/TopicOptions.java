package org.customssentinel.cli;

import org.customssentinel.producer.publish.PublishConfig;
import org.customssentinel.schemas.topic.TopicNames;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Which topics a publishing command writes, how they are created when absent, and how long to wait for Kafka and the registry. */
public final class TopicOptions {

    @Option(names = "--topic", paramLabel = "TOPIC",
            description = "Declarations topic (default: " + TopicNames.DECLARATIONS + ", after --topic-prefix).")
    String topic;

    @Option(names = "--rejected-topic", paramLabel = "TOPIC",
            description = "Rejected records topic (default: " + TopicNames.REJECTED + ", after --topic-prefix).")
    String rejectedTopic;

    @Mixin
    TopicPrefixOption prefix;

    @Mixin
    ProvisioningOptions provisioning;

    public TopicNames names() {
        return prefix.names();
    }

    public PublishConfig publishConfig(ClientSettings settings) {
        TopicNames names = names();
        return new PublishConfig(settings.kafkaConfigs(), topic != null ? topic : names.declarations(),
                rejectedTopic != null ? rejectedTopic : names.rejected(), provisioning.partitions, provisioning.replicationFactor,
                provisioning.timeout);
    }
}
