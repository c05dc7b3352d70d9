package org.customssentinel.streams.query;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.customssentinel.avro.RejectedRecord;
import org.customssentinel.avro.Rejection;
import org.customssentinel.schemas.serde.AvroDeserializer;
import org.customssentinel.schemas.serde.AvroSerdeConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rejected records by reason, counted from the whole of customs.declarations.rejected (the producer's rejects and the
 * app's alike), so the dashboard shows every instance's and every producer's rejects, not one instance's.
 */
final class RejectionTally implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RejectionTally.class);

    private final Map<String, LongAdder> byReason = new ConcurrentHashMap<>();
    private final KafkaConsumer<String, RejectedRecord> consumer;
    private final String topic;
    private final Thread thread;
    private volatile boolean running = true;

    RejectionTally(Map<String, Object> clientConfigs, String topic) {
        Map<String, Object> configs = new HashMap<>(clientConfigs);
        configs.keySet().removeIf(key -> key.startsWith("rules.") || key.startsWith("flows."));
        configs.remove(ConsumerConfig.GROUP_ID_CONFIG);
        configs.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        configs.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        configs.put(AvroSerdeConfig.SPECIFIC_AVRO_READER, true);
        AvroDeserializer<RejectedRecord> values = new AvroDeserializer<>();
        values.configure(configs, false);
        this.consumer = new KafkaConsumer<>(configs, new StringDeserializer(), values);
        this.topic = topic;
        this.thread = new Thread(this::run, "sentinel-rejection-tally");
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** Records per reason code; a record with several reasons counts under each. */
    Map<String, Long> counts() {
        Map<String, Long> counts = new TreeMap<>();
        byReason.forEach((reason, count) -> counts.put(reason, count.sum()));
        return counts;
    }

    private void run() {
        try {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            while (running) {
                for (ConsumerRecord<String, RejectedRecord> record : consumer.poll(Duration.ofMillis(500))) {
                    if (record.value() == null) {
                        continue;
                    }
                    record.value().getReasons().stream().map(Rejection::getCode).distinct()
                            .forEach(code -> byReason.computeIfAbsent(code, c -> new LongAdder()).increment());
                }
            }
        } catch (WakeupException e) {
            // Closing.
        } catch (Exception e) {
            log.error("The rejection tally stopped: {}", e.toString(), e);
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
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
