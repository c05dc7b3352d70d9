package org.customssentinel.producer.publish;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

import org.customssentinel.schemas.topic.TopicNames;

/**
 * Where and how declarations are published.
 *
 * @param clientConfigs     Kafka client and schema registry properties (bootstrap.servers, schema.registry.url, ...)
 * @param declarationsTopic accepted declarations
 * @param rejectedTopic     rejected records, with their reasons
 * @param partitions        partitions of topics this run creates
 * @param replicationFactor replication factor of topics this run creates; -1 takes the cluster's default.replication.factor
 * @param timeout           how long to wait for Kafka and the registry before giving up
 */
public record PublishConfig(Map<String, Object> clientConfigs, String declarationsTopic, String rejectedTopic,
                            int partitions, short replicationFactor, Duration timeout) {

    /** Kafka's own convention (KIP-464): a topic created with -1 gets the broker's default.replication.factor. */
    public static final short BROKER_DEFAULT_REPLICATION = -1;

    public PublishConfig {
        clientConfigs = Map.copyOf(clientConfigs);
        Objects.requireNonNull(clientConfigs.get("bootstrap.servers"), "bootstrap.servers");
        if (partitions < 1) {
            throw new IllegalArgumentException("--partitions must be at least 1, was " + partitions);
        }
        if (replicationFactor < 1 && replicationFactor != BROKER_DEFAULT_REPLICATION) {
            throw new IllegalArgumentException("--replication-factor must be at least 1 (or -1 for the cluster's"
                    + " default), was " + replicationFactor);
        }
    }

    public static PublishConfig defaults(Map<String, Object> clientConfigs) {
        TopicNames names = TopicNames.defaults();
        return new PublishConfig(clientConfigs, names.declarations(), names.rejected(), 6, BROKER_DEFAULT_REPLICATION, Duration.ofSeconds(30));
    }

    String bootstrapServers() {
        return String.valueOf(clientConfigs.get("bootstrap.servers"));
    }

    String registryUrl() {
        return String.valueOf(clientConfigs.get("schema.registry.url"));
    }
}
