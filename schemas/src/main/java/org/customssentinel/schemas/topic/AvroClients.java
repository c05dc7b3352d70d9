package org.customssentinel.schemas.topic;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.customssentinel.schemas.serde.AvroDeserializer;
import org.customssentinel.schemas.serde.AvroSerdeConfig;

/**
 * Kafka clients beside an app, made from the app's (or a command's) whole configuration: each keeps what it and the
 * registry client understand, so no client warns about the streams or HTTP settings it was handed.
 */
public final class AvroClients {

    private static final List<String> PASSED_PREFIXES = List.of("schema.registry.", "basic.auth.", "bearer.auth.", "auto.register.",
            "use.latest.", "value.subject.", "avro.", "sasl.", "ssl.");

    private AvroClients() {
    }

    /** The settings of {@code all} that a client with {@code clientKeys} (a {@code *Config.configNames()}) and the serdes read. */
    public static Map<String, Object> keep(Map<String, ?> all, Set<String> clientKeys) {
        Map<String, Object> kept = new HashMap<>();
        all.forEach((key, value) -> {
            if (clientKeys.contains(key) || PASSED_PREFIXES.stream().anyMatch(key::startsWith)) {
                kept.put(key, value);
            }
        });
        return kept;
    }

    /**
     * A consumer of committed records with string keys and specific Avro values, in no group (it assigns itself
     * partitions and commits nothing).
     */
    public static <V extends SpecificRecord> KafkaConsumer<String, V> committedReader(Map<String, ?> all) {
        Map<String, Object> configs = keep(all, ConsumerConfig.configNames());
        configs.remove(ConsumerConfig.GROUP_ID_CONFIG);
        configs.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        configs.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        configs.put(AvroSerdeConfig.SPECIFIC_AVRO_READER, true);
        AvroDeserializer<V> values = new AvroDeserializer<>();
        values.configure(configs, false);
        return new KafkaConsumer<>(configs, new StringDeserializer(), values);
    }

    /**
     * Every committed record of {@code topic}, from the beginning of each partition to its end as it was when reading
     * started, handed to {@code onRecord}: a compacted topic's whole state, once.
     *
     * @throws IllegalStateException when that takes longer than {@code timeout}
     */
    public static <V extends SpecificRecord> void readToEnd(KafkaConsumer<String, V> consumer, String topic, Duration timeout,
                                                            Consumer<ConsumerRecord<String, V>> onRecord) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<TopicPartition> partitions = consumer.partitionsFor(topic, timeout).stream()
                .map(p -> new TopicPartition(topic, p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, timeout);
        while (partitions.stream().anyMatch(p -> consumer.position(p, timeout) < ends.get(p))) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("reading " + topic + " took longer than " + timeout.toSeconds() + " s");
            }
            consumer.poll(Duration.ofMillis(200)).forEach(onRecord);
        }
    }
}
