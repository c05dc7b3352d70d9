package org.customssentinel.producer.publish;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.avro.Schema;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.customssentinel.avro.Declaration;
import org.customssentinel.avro.RejectedRecord;
import org.customssentinel.schemas.registry.RegistryClientConfig;
import org.customssentinel.schemas.registry.SchemaRegistryClient;
import org.customssentinel.schemas.registry.SchemaRegistryClients;
import org.customssentinel.schemas.registry.SchemaRegistryException;
import org.customssentinel.schemas.serde.AvroSerdeConfig;

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
        topics.put(config.declarationsTopic(), Map.of());
        topics.put(config.rejectedTopic(), Map.of());
        ensureTopics(config, topics);
        Map<String, Schema> schemas = new LinkedHashMap<>();
        schemas.put(config.declarationsTopic(), Declaration.getClassSchema());
        schemas.put(config.rejectedTopic(), RejectedRecord.getClassSchema());
        registerSchemas(config, schemas);
    }

    /** Creates absent topics; {@code extraConfigs} per topic (e.g. cleanup.policy=compact). */
    public static void ensureTopics(PublishConfig config, Map<String, Map<String, String>> topics) {
        Map<String, Object> adminConfigs = new HashMap<>(config.clientConfigs());
        int timeoutMs = (int) config.timeout().toMillis();
        adminConfigs.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, timeoutMs);
        adminConfigs.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, Math.min(timeoutMs, 30_000));
        try (Admin admin = Admin.create(adminConfigs)) {
            admin.describeCluster().clusterId().get(timeoutMs, TimeUnit.MILLISECONDS);
            Set<String> existing = admin.listTopics().names().get(timeoutMs, TimeUnit.MILLISECONDS);
            List<NewTopic> absent = new ArrayList<>();
            topics.forEach((name, topicConfigs) -> {
                if (!existing.contains(name)) {
                    absent.add(new NewTopic(name, config.partitions(), config.replicationFactor()).configs(topicConfigs));
                }
            });
            for (var result : admin.createTopics(absent).values().entrySet()) {
                try {
                    result.getValue().get(timeoutMs, TimeUnit.MILLISECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new PublishException("Kafka at " + config.bootstrapServers() + " refused to create topic "
                                + result.getKey() + ": " + e.getCause().getMessage(), e.getCause());
                    }
                }
            }
        } catch (TimeoutException e) {
            throw new PublishException("Kafka at " + config.bootstrapServers() + " did not answer within "
                    + config.timeout().toSeconds() + " s", e);
        } catch (ExecutionException e) {
            throw new PublishException("Kafka at " + config.bootstrapServers() + " failed: " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PublishException("interrupted while checking Kafka", e);
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
                            + " schema for subject " + subject + ": " + e.getMessage(), e);
                }
            });
        }
    }
}
