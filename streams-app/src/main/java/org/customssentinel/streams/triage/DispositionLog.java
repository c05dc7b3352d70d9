package org.customssentinel.streams.triage;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.customssentinel.avro.Disposition;
import org.customssentinel.schemas.topic.AvroClients;

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
        try (KafkaConsumer<String, Disposition> consumer = AvroClients.committedReader(clientConfigs)) {
            AvroClients.readToEnd(consumer, topic, timeout, record -> {
                if (record.value() != null) {
                    latest.put(record.value().getAlertId(), record.value());
                } else if (record.key() != null) {
                    latest.remove(record.key());
                }
            });
        }
        return latest;
    }

    private static boolean exists(Map<String, Object> clientConfigs, String topic, Duration timeout) {
        Map<String, Object> configs = AvroClients.keep(clientConfigs, AdminClientConfig.configNames());
        configs.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        try (Admin admin = Admin.create(configs)) {
            return admin.listTopics().names().get().contains(topic);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while listing topics", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Kafka did not list its topics within " + timeout.toSeconds() + " s: " + e.getCause().getMessage(), e);
        }
    }
}
