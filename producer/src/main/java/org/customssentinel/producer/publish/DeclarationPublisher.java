package org.customssentinel.producer.publish;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.customssentinel.avro.Declaration;
import org.customssentinel.avro.RejectedRecord;
import org.customssentinel.schemas.topic.SentinelHeaders;

/**
 * Sends declarations and rejected records: idempotent, acks=all, lz4, batched for throughput. Each record's
 * timestamp is its event time, so a replay lands in the same windows as the original. A failed send is kept
 * and reported on {@link #flush()}: nothing is dropped silently.
 */
public final class DeclarationPublisher implements AutoCloseable {


    private final KafkaProducer<String, SpecificRecord> producer;
    private final PublishConfig config;
    private final AtomicReference<Exception> firstFailure = new AtomicReference<>();
    private final LongAdder declarationsSent = new LongAdder();
    private final LongAdder declarationsAcknowledged = new LongAdder();

    public DeclarationPublisher(PublishConfig config) {
        this.config = config;
        this.producer = RecordProducers.create(config);
    }

    public void send(Declaration declaration) {
        send(config.declarationsTopic(), declaration.getDeclarationId(), declaration.getLodgedAt().toEpochMilli(), declaration,
                declarationsAcknowledged);
        declarationsSent.increment();
    }

    /** Key: the source reference ({@code file:line}), so rejects of one file stay together and in order. */
    public void send(RejectedRecord rejected) {
        String key = rejected.getSource() + (rejected.getFirstLine() == null ? "" : ":" + rejected.getFirstLine());
        send(config.rejectedTopic(), key, rejected.getRejectedAt().toEpochMilli(), rejected, null);
    }

    private void send(String topic, String key, long timestamp, SpecificRecord value, LongAdder acknowledged) {
        failIfBroken();
        try {
            // The record's timestamp is event time; when it was published travels in a header, for the alert latency.
            RecordHeaders headers = new RecordHeaders();
            headers.add(SentinelHeaders.PUBLISHED_AT, Long.toString(System.currentTimeMillis()).getBytes(StandardCharsets.US_ASCII));
            producer.send(new ProducerRecord<>(topic, null, timestamp, key, value, headers), (metadata, error) -> {
                if (error != null) {
                    firstFailure.compareAndSet(null, error);
                } else if (acknowledged != null) {
                    acknowledged.increment();
                }
            });
        } catch (KafkaException e) {
            throw new PublishException("cannot send to " + topic + ": " + e.getMessage(), e);
        }
    }

    /** Waits for every record sent so far; fails if any was not written. */
    public void flush() {
        producer.flush();
        failIfBroken();
    }

    /** Declarations Kafka has acknowledged (written to every in-sync replica), of those sent so far. */
    public long acknowledged() {
        return declarationsAcknowledged.sum();
    }

    /**
     * Once a record has failed, sends nothing more: what is still in flight is waited for, so the count of acknowledged
     * declarations in the message is exact and a person knows what a re-run must send.
     */
    private void failIfBroken() {
        Exception failure = firstFailure.get();
        if (failure != null) {
            producer.flush();
            throw new PublishException(String.format("Kafka at %s did not acknowledge a record within %s (%s): %,d of the %,d"
                    + " declarations sent were acknowledged; send the file again for the rest (the streams app drops the"
                    + " copies it has already counted)", config.bootstrapServers(), config.timeout(), describe(failure),
                    acknowledged(), declarationsSent.sum()), failure);
        }
    }

    private static String describe(Exception failure) {
        String message = failure.getMessage();
        return failure.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    @Override
    public void close() {
        producer.close();
    }
}
