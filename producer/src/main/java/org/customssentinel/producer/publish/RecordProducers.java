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
        // A record not acknowledged within --timeout (brokers down, fewer in-sync replicas than min.insync.replicas) fails
        // the run with a count of what was acknowledged, rather than waiting without end; Kafka needs the request
        // timeout plus the linger within the delivery timeout.
        int delivery = (int) Math.min(Integer.MAX_VALUE, Math.max(1_000, config.timeout().toMillis()));
        configs.putIfAbsent(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, delivery);
        configs.putIfAbsent(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Math.min(30_000, delivery - 100));
        AvroSerializer<SpecificRecord> values = new AvroSerializer<>();
        values.configure(configs, false);
        return new KafkaProducer<>(configs, new StringSerializer(), values);
    }
}
