package org.customssentinel.streams.query;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.sse.SseClient;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.customssentinel.avro.Alert;
import org.customssentinel.schemas.json.AvroJson;
import org.customssentinel.schemas.serde.AvroDeserializer;
import org.customssentinel.schemas.serde.AvroSerdeConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Alerts as they are committed to customs.alerts, pushed to every connected Server-Sent-Events client. Each instance
 * tails every partition itself (no consumer group), so any instance streams every alert.
 */
final class AlertFeed implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AlertFeed.class);

    private final List<SseClient> clients = new CopyOnWriteArrayList<>();
    private final KafkaConsumer<String, Alert> consumer;
    private final String topic;
    private final ObjectMapper json;
    private final Thread thread;
    private volatile boolean running = true;

    AlertFeed(Map<String, Object> clientConfigs, String topic, ObjectMapper json) {
        Map<String, Object> configs = new HashMap<>(clientConfigs);
        configs.keySet().removeIf(key -> key.startsWith("rules.") || key.startsWith("flows."));
        configs.remove(ConsumerConfig.GROUP_ID_CONFIG);
        configs.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        configs.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        configs.put(AvroSerdeConfig.SPECIFIC_AVRO_READER, true);
        AvroDeserializer<Alert> values = new AvroDeserializer<>();
        values.configure(configs, false);
        this.consumer = new KafkaConsumer<>(configs, new StringDeserializer(), values);
        this.topic = topic;
        this.json = json;
        this.thread = new Thread(this::run, "sentinel-alert-feed");
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    void add(SseClient client) {
        clients.add(client);
        client.onClose(() -> clients.remove(client));
    }

    int clientCount() {
        return clients.size();
    }

    private void run() {
        try {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            // A feed of what happens from now on; what happened before is GET /api/alerts.
            consumer.seekToEnd(partitions);
            while (running) {
                for (ConsumerRecord<String, Alert> record : consumer.poll(Duration.ofMillis(500))) {
                    if (record.value() == null) {
                        continue;
                    }
                    String data = json.writeValueAsString(AvroJson.of(record.value()));
                    for (SseClient client : clients) {
                        client.sendEvent("alert", data, record.value().getAlertId() + ":" + record.value().getStatus());
                    }
                }
            }
        } catch (WakeupException e) {
            // Closing.
        } catch (Exception e) {
            log.error("The alert feed stopped: {}", e.toString(), e);
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        clients.forEach(SseClient::close);
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
