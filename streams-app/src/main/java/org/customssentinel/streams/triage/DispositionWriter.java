package org.customssentinel.streams.triage;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.customssentinel.avro.Disposition;
import org.customssentinel.schemas.serde.AvroSerializer;
import org.customssentinel.schemas.topic.AvroClients;

/** Writes dispositions to their topic, one at a time and acknowledged by every in-sync replica before it answers. */
public final class DispositionWriter implements AutoCloseable {

    private final KafkaProducer<String, Disposition> producer;
    private final String topic;
    private final Duration timeout;

    public DispositionWriter(Map<String, Object> clientConfigs, String topic, Duration timeout) {
        Map<String, Object> configs = AvroClients.keep(clientConfigs, ProducerConfig.configNames());
        configs.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
        configs.put(ProducerConfig.ACKS_CONFIG, "all");
        configs.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        configs.putIfAbsent(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        configs.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, timeout.toMillis());
        configs.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) Math.max(1_000, timeout.toMillis()));
        configs.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.max(500, timeout.toMillis() - 100));
        AvroSerializer<Disposition> values = new AvroSerializer<>();
        values.configure(configs, false);
        this.producer = new KafkaProducer<>(configs, new StringSerializer(), values);
        this.topic = topic;
        this.timeout = timeout;
    }

    /** Writes {@code disposition} under its alert id; returns once acknowledged, or throws saying why not. */
    public void write(Disposition disposition) throws InterruptedException {
        try {
            producer.send(new ProducerRecord<>(topic, disposition.getAlertId(), disposition)).get(timeout.toMillis() + 1_000, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("the verdict was not written to " + topic + ": " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("the verdict was not acknowledged by " + topic + " within " + timeout.toSeconds() + " s", e);
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
