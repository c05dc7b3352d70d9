package org.customssentinel.producer.reference;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.customssentinel.avro.RuleChange;
import org.customssentinel.avro.RuleSetting;
import org.customssentinel.producer.publish.Preflight;
import org.customssentinel.producer.publish.PublishConfig;
import org.customssentinel.producer.publish.PublishException;
import org.customssentinel.producer.publish.RecordProducers;
import org.customssentinel.schemas.topic.AvroClients;
import org.customssentinel.schemas.topic.SentinelTopic;

/**
 * The rules topic ({@code customs.reference.rules}): rule settings changed at runtime, keyed by setting. Compaction
 * keeps only a setting's latest record, so each record carries the setting's earlier changes: reading the topic gives
 * both the settings in force and their history.
 */
public final class RulesTopic {

    private final PublishConfig config;
    private final String topic;

    public RulesTopic(PublishConfig config, String topic) {
        this.config = config;
        this.topic = topic;
    }

    public String name() {
        return topic;
    }

    /**
     * A setting's latest record on the topic.
     *
     * @param version the rules version its latest change made: one past its offset
     */
    public record Stored(RuleSetting setting, long version) {

        /** Every change of the setting, oldest first, each with the version it made. */
        public List<RuleChange> changes() {
            List<RuleChange> all = new ArrayList<>(setting.getEarlier());
            all.add(RuleChange.newBuilder(setting.getLatest()).setVersion(version).build());
            return all;
        }
    }

    /** The values in force from the topic: each setting whose latest change set one (not back to the starting point). */
    public static Map<String, String> overrides(Map<String, Stored> read) {
        Map<String, String> overrides = new TreeMap<>();
        read.forEach((key, stored) -> {
            if (stored.setting().getLatest().getValue() != null) {
                overrides.put(key, stored.setting().getLatest().getValue());
            }
        });
        return overrides;
    }

    /** The latest record of every setting on the topic, by setting; empty when nobody has changed a rule yet. */
    public Map<String, Stored> read() {
        Map<String, Stored> settings = new TreeMap<>();
        if (!exists()) {
            return settings;
        }
        try (KafkaConsumer<String, RuleSetting> consumer = AvroClients.committedReader(config.clientConfigs())) {
            AvroClients.readToEnd(consumer, topic, config.timeout(), record -> {
                if (record.key() != null && record.value() != null) {
                    settings.put(record.key(), new Stored(record.value(), record.offset() + 1));
                }
            });
        } catch (PublishException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new PublishException("reading " + topic + " from " + config.clientConfigs().get("bootstrap.servers") + " failed: "
                    + e.getMessage(), e);
        }
        return settings;
    }

    /**
     * Publishes one change per setting (a null value: back to the app's starting point), each carrying the setting's
     * history as {@code current} holds it, and waits until Kafka has them all.
     *
     * @return the records published
     */
    public List<RuleSetting> publish(Map<String, String> values, Map<String, Stored> current, String changedBy, String reason,
                                     Instant changedAt) {
        Preflight.ensureTopics(config, Map.of(topic, SentinelTopic.RULES.configs()), SentinelTopic.RULES.partitions(config.partitions()));
        Preflight.registerSchemas(config, Map.of(topic, SentinelTopic.RULES.valueSchema()));
        List<RuleSetting> published = new ArrayList<>();
        try (KafkaProducer<String, SpecificRecord> producer = RecordProducers.create(config)) {
            List<Future<?>> sends = new ArrayList<>();
            for (Map.Entry<String, String> value : new TreeMap<>(values).entrySet()) {
                Stored before = current.get(value.getKey());
                List<RuleChange> earlier = before == null ? new ArrayList<>() : before.changes();
                RuleSetting setting = RuleSetting.newBuilder().setSetting(value.getKey()).setEarlier(earlier)
                        .setLatest(RuleChange.newBuilder().setValue(value.getValue()).setChangedBy(changedBy).setReason(reason)
                                .setChangedAt(changedAt).build())
                        .build();
                sends.add(producer.send(new ProducerRecord<>(topic, setting.getSetting(), setting)));
                published.add(setting);
            }
            producer.flush();
            for (Future<?> send : sends) {
                send.get(config.timeout().toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (ExecutionException e) {
            throw new PublishException("Kafka did not take the rule change: " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new PublishException("Kafka did not take the rule change within " + config.timeout().toSeconds() + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PublishException("interrupted while publishing the rule change", e);
        } catch (PublishException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new PublishException("publishing the rule change to " + config.clientConfigs().get("bootstrap.servers") + " failed: "
                    + e.getMessage(), e);
        }
        return published;
    }

    private boolean exists() {
        Map<String, Object> configs = AvroClients.keep(config.clientConfigs(), AdminClientConfig.configNames());
        configs.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) config.timeout().toMillis());
        try (Admin admin = Admin.create(configs)) {
            return admin.listTopics().names().get(config.timeout().toMillis(), TimeUnit.MILLISECONDS).contains(topic);
        } catch (ExecutionException | TimeoutException e) {
            throw new PublishException("Kafka at " + config.clientConfigs().get("bootstrap.servers") + " did not list its topics within "
                    + config.timeout().toSeconds() + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PublishException("interrupted while listing topics", e);
        }
    }
}
