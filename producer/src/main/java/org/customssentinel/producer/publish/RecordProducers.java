package org.customssentinel.producer.publish;

import java.util.HashMap;
import java.util.Map;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.customssentinel.schemas.serde.AvroSerializer;

/** The one way this module makes a Kafka producer: string keys, Avro values, tuned for replays. */
public final class RecordProducers {

    private RecordProducers() {
    }

    /** Idempotent, acks=all, lz4, big batches; anything in the client configs overrides these defaults. */
    public static KafkaProducer<String, SpecificRecord> create(PublishConfig config) {
        Map<String, Object> configs = new HashMap<>(config.clientConfigs());
        configs.putIfAbsent(ProducerConfig.ACKS_CONFIG, "all");
        configs.putIfAbsent(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        configs.putIfAbsent(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        // Streams of small records: bigger batches and a short linger trade a few ms of latency for throughput.
        configs.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 20);
        configs.putIfAbsent(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        configs.putIfAbsent(ProducerConfig.BUFFER_MEMORY_CONFIG, 64L * 1024 * 1024);
        // Bounds the wait for an unreachable broker: send() blocks at most this long for metadata.
        configs.putIfAbsent(ProducerConfig.MAX_BLOCK_MS_CONFIG, config.timeout().toMillis());
        configs.putIfAbsent(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) Math.max(120_000, config.timeout().toMillis()));
        AvroSerializer<SpecificRecord> values = new AvroSerializer<>();
        values.configure(configs, false);
        return new KafkaProducer<>(configs, new StringSerializer(), values);
    }
}
