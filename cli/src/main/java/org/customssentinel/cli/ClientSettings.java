package org.customssentinel.cli;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

import org.apache.kafka.clients.CommonClientConfigs;

/**
 * Resolved connection settings: bootstrap servers, registry URL, and pass-through client properties.
 *
 * @param bootstrapServers  Kafka bootstrap servers
 * @param schemaRegistryUrl Confluent Schema Registry API base URL
 * @param clientProperties  extra Kafka client and registry properties from {@code --config}
 */
public record ClientSettings(String bootstrapServers, String schemaRegistryUrl, Map<String, String> clientProperties) {

    public ClientSettings {
        Objects.requireNonNull(bootstrapServers, "bootstrap servers");
        Objects.requireNonNull(schemaRegistryUrl, "schema registry URL");
        clientProperties = Map.copyOf(clientProperties);
    }

    /** Kafka client configuration: the pass-through properties, then bootstrap servers and registry URL. */
    public Map<String, Object> kafkaConfigs() {
        Map<String, Object> configs = new HashMap<>(clientProperties);
        configs.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        configs.put("schema.registry.url", schemaRegistryUrl);
        return configs;
    }
}
