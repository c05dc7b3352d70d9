package org.customssentinel.reliability;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiConsumer;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.customssentinel.schemas.serde.AvroDeserializer;
import org.customssentinel.schemas.serde.AvroSerdeConfig;

/**
 * Reads a topic whole, as a {@code read_committed} client sees it: to the last stable offset of every partition at the
 * time of the call, no further, so a read ends as soon as it has everything rather than after a quiet period.
 */
final class TopicReader {

    private final Map<String, Object> clients;

    TopicReader(Map<String, Object> clients) {
        this.clients = Map.copyOf(clients);
    }

    /** Every committed record's key and raw value. */
    void raw(String topic, BiConsumer<String, byte[]> onRecord) {
        read(topic, new ByteArrayDeserializer(), onRecord);
    }

    /** Every committed record's value, decoded as the registry says. */
    <T> List<T> values(String topic) {
        AvroDeserializer<T> deserializer = new AvroDeserializer<>();
        Map<String, Object> configs = new HashMap<>(clients);
        configs.put(AvroSerdeConfig.SPECIFIC_AVRO_READER, true);
        deserializer.configure(configs, false);
        List<T> values = new ArrayList<>();
        try {
            read(topic, deserializer, (key, value) -> values.add(value));
        } finally {
            deserializer.close();
        }
        return values;
    }

    /** How many committed records each key has. */
    Map<String, Long> countByKey(String topic) {
        Map<String, Long> counts = new HashMap<>();
        raw(topic, (key, value) -> counts.merge(String.valueOf(key), 1L, Long::sum));
        return counts;
    }

    private <V> void read(String topic, org.apache.kafka.common.serialization.Deserializer<V> values, BiConsumer<String, V> onRecord) {
        Map<String, Object> configs = new HashMap<>(clients);
        configs.put(ConsumerConfig.GROUP_ID_CONFIG, "fault-reader-" + UUID.randomUUID());
        configs.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        configs.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        configs.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 8 * 1024 * 1024);
        try (KafkaConsumer<String, V> consumer = new KafkaConsumer<>(configs, new StringDeserializer(), values)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(60)).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            // For a read_committed consumer the end offsets are the last stable offsets.
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, Duration.ofSeconds(60));
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p, Duration.ofSeconds(60)) < ends.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("reading " + topic + " to its end took over 2 min");
                }
                for (ConsumerRecord<String, V> record : consumer.poll(Duration.ofMillis(500))) {
                    onRecord.accept(record.key(), record.value());
                }
            }
        }
    }
}
