package org.customssentinel.schemas.topic;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every partition of one Avro topic read on a thread of its own, committed records only, handed one by one to a
 * callback; no consumer group, so every reader sees the whole topic. For feeds and tallies beside the app, which
 * must not take part in its group.
 *
 * @param <V> the topic's value type
 */
public final class TopicTail<V extends SpecificRecord> implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(TopicTail.class);

    /** Where reading starts. */
    public enum From { BEGINNING, END }

    private final KafkaConsumer<String, V> consumer;
    private final String topic;
    private final From from;
    private final Consumer<V> onRecord;
    private final Thread thread;
    private volatile boolean running = true;

    public TopicTail(Map<String, Object> clientConfigs, String topic, From from, Consumer<V> onRecord) {
        this.consumer = AvroClients.committedReader(clientConfigs);
        this.topic = topic;
        this.from = from;
        this.onRecord = onRecord;
        this.thread = new Thread(this::run, "tail-" + topic);
        thread.setDaemon(true);
    }

    public TopicTail<V> start() {
        thread.start();
        return this;
    }

    private void run() {
        try {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            if (from == From.BEGINNING) {
                consumer.seekToBeginning(partitions);
            } else {
                consumer.seekToEnd(partitions);
            }
            while (running) {
                for (ConsumerRecord<String, V> record : consumer.poll(Duration.ofMillis(500))) {
                    if (record.value() != null) {
                        onRecord.accept(record.value());
                    }
                }
            }
        } catch (WakeupException e) {
            // Closing.
        } catch (Exception e) {
            log.error("Reading {} stopped: {}", topic, e.toString(), e);
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
