package org.customssentinel.producer.publish;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.avro.Schema;
import org.customssentinel.schemas.registry.RegistryClientConfig;
import org.customssentinel.schemas.registry.SchemaRegistryClient;
import org.customssentinel.schemas.registry.SchemaRegistryClients;
import org.customssentinel.schemas.registry.SchemaRegistryException;
import org.customssentinel.schemas.serde.AvroSerdeConfig;
import org.customssentinel.schemas.topic.SentinelTopic;
import org.customssentinel.schemas.topic.TopicProvisioner;

/**
 * Everything that can fail before the first record is read, checked with a bounded wait each: Kafka answers,
 * the topics exist (created when absent), the registry answers and accepts the schemas.
 */
public final class Preflight {

    private Preflight() {
    }

    /** Before publishing declarations: both topics exist, and the registry takes the Declaration and RejectedRecord schemas. */
    public static void prepareDeclarationTopics(PublishConfig config) {
        Map<String, Map<String, String>> topics = new LinkedHashMap<>();
        topics.put(config.declarationsTopic(), SentinelTopic.DECLARATIONS.configs());
        topics.put(config.rejectedTopic(), SentinelTopic.REJECTED.configs());
        ensureTopics(config, topics);
        Map<String, Schema> schemas = new LinkedHashMap<>();
        schemas.put(config.declarationsTopic(), SentinelTopic.DECLARATIONS.valueSchema());
        schemas.put(config.rejectedTopic(), SentinelTopic.REJECTED.valueSchema());
        registerSchemas(config, schemas);
    }

    /** Creates absent topics; {@code topics} maps each name to its configs (e.g. cleanup.policy=compact). */
    public static void ensureTopics(PublishConfig config, Map<String, Map<String, String>> topics) {
        ensureTopics(config, topics, config.partitions());
    }

    /** As {@link #ensureTopics(PublishConfig, Map)}, with {@code partitions} instead of the configured count. */
    public static void ensureTopics(PublishConfig config, Map<String, Map<String, String>> topics, int partitions) {
        try {
            new TopicProvisioner(config.clientConfigs(), config.timeout()).ensure(topics, partitions, config.replicationFactor());
        } catch (TopicProvisioner.KafkaUnavailableException e) {
            throw new PublishException(e.getMessage(), e);
        }
    }

    /** Registers each value schema under its topic's subject, as the serializer will, so refusals surface now. */
    public static void registerSchemas(PublishConfig config, Map<String, Schema> valueSchemasByTopic) {
        Map<String, Object> configs = new HashMap<>(config.clientConfigs());
        configs.putIfAbsent(RegistryClientConfig.READ_TIMEOUT_MS, String.valueOf(config.timeout().toMillis()));
        AvroSerdeConfig serde = AvroSerdeConfig.fromConfigs(configs, false);
        try (SchemaRegistryClient registry = SchemaRegistryClients.fromConfigs(configs)) {
            valueSchemasByTopic.forEach((topic, schema) -> {
                String subject = serde.subjectNameStrategy().subject(topic, false, schema);
                try {
                    if (serde.autoRegisterSchemas() && !serde.useLatestVersion()) {
                        registry.register(subject, schema);
                    } else {
                        registry.latest(subject);
                    }
                } catch (SchemaRegistryException e) {
                    throw new PublishException(e.status() < 0 ? e.getMessage()
                            : "schema registry at " + config.registryUrl() + " refused the " + schema.getName()
                            + " schema for subject " + subject + " (HTTP " + e.status() + ", error_code " + e.errorCode() + "): "
                            + e.registryMessage(), e);
                }
            });
        }
    }
}
