package org.customssentinel.cli.demo;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.customssentinel.avro.Alert;
import org.customssentinel.avro.Severity;
import org.customssentinel.schemas.serde.AvroDeserializer;
import org.customssentinel.schemas.serde.AvroSerdeConfig;

/** Prints each committed alert as it fires: one line, colored by severity on a terminal. */
final class AlertPrinter implements AutoCloseable {

    private static final String RESET = "\u001b[0m";

    private final KafkaConsumer<String, Alert> consumer;
    private final String topic;
    private final PrintWriter out;
    private final boolean color;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile long printed;

    AlertPrinter(Map<String, Object> clientConfigs, String topic, PrintWriter out, boolean color) {
        Map<String, Object> configs = new HashMap<>(clientConfigs);
        configs.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        configs.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        configs.put(AvroSerdeConfig.SPECIFIC_AVRO_READER, true);
        AvroDeserializer<Alert> values = new AvroDeserializer<>();
        values.configure(configs, false);
        this.consumer = new KafkaConsumer<>(configs, new StringDeserializer(), values);
        this.topic = topic;
        this.out = out;
        this.color = color;
        this.thread = new Thread(this::run, "sentinel-demo-alerts");
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    long printed() {
        return printed;
    }

    private void run() {
        try {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            while (running) {
                for (ConsumerRecord<String, Alert> record : consumer.poll(Duration.ofMillis(500))) {
                    if (record.value() != null) {
                        print(record.value());
                    }
                }
            }
        } catch (WakeupException e) {
            // Closing.
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private void print(Alert alert) {
        String severity = String.format("%-8s", alert.getSeverity());
        String line = (color ? colorOf(alert.getSeverity()) + severity + RESET : severity) + " "
                + String.format("%-19s %-11s ", alert.getRule(), alert.getStatus()) + alert.getSummary();
        synchronized (out) {
            out.println(line);
            out.flush();
        }
        printed++;
    }

    private static String colorOf(Severity severity) {
        return switch (severity) {
            case LOW -> "\u001b[37m";
            case MEDIUM -> "\u001b[33m";
            case HIGH -> "\u001b[38;5;208m";
            case CRITICAL -> "\u001b[1;31m";
        };
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
