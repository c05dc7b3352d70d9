package org.customssentinel.streams.triage;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.customssentinel.avro.Disposition;
import org.customssentinel.schemas.topic.TopicTail;

/** customs.alerts.dispositions read once to its end: every alert's latest disposition, for exports and listings. */
public final class DispositionLog {

    private DispositionLog() {
    }

    /** The latest disposition of each alert, by alert id; empty when the topic does not exist (nobody judged anything). */
    public static Map<String, Disposition> read(Map<String, Object> clientConfigs, String topic, Duration timeout) {
        Map<String, Disposition> latest = new TreeMap<>();
        if (!exists(clientConfigs, topic, timeout)) {
            return latest;
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        try (KafkaConsumer<String, Disposition> consumer = TopicTail.groupless(clientConfigs)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, timeout).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, timeout);
            while (partitions.stream().anyMatch(p -> consumer.position(p, timeout) < ends.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("reading " + topic + " took longer than " + timeout.toSeconds() + " s");
                }
                for (ConsumerRecord<String, Disposition> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.value() != null) {
                        latest.put(record.value().getAlertId(), record.value());
                    } else if (record.key() != null) {
                        latest.remove(record.key());
                    }
                }
            }
        }
        return latest;
    }

    private static boolean exists(Map<String, Object> clientConfigs, String topic, Duration timeout) {
        Map<String, Object> configs = new HashMap<>();
        clientConfigs.forEach((key, value) -> {
            if (AdminClientConfig.configNames().contains(key)) {
                configs.put(key, value);
            }
        });
        configs.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        try (Admin admin = Admin.create(configs)) {
            return admin.listTopics().names().get().contains(topic);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while listing topics", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("Kafka did not list its topics within " + timeout.toSeconds() + " s: " + e.getCause().getMessage(), e);
        }
    }
}
