package org.customssentinel.streams.topology;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.customssentinel.avro.Declaration;
import org.customssentinel.avro.RejectedRecord;
import org.customssentinel.avro.Rejection;
import org.customssentinel.schemas.declaration.DeclarationRules;
import org.customssentinel.schemas.declaration.ReasonCode;
import org.customssentinel.schemas.declaration.Violation;
import org.customssentinel.schemas.serde.AvroDeserializer;
import org.customssentinel.streams.metrics.SentinelMetrics;

/**
 * Decodes declarations itself rather than through a Kafka Streams deserializer, so that a poison pill becomes a
 * {@link RejectedRecord} naming its topic, partition and offset and processing goes on. Anything can write to the
 * topic, so every record is checked against {@link DeclarationRules} as the producer checks files: a record that would
 * move stream time to 2100 or fail a later step (too large to write out) must not get past here. Also re-stamps each
 * record with its lodged time: event time is the declaration's, whoever produced it.
 */
final class DecodeProcessor implements Processor<String, byte[], String, Object> {

    /** Larger records are rejected unread: the largest valid declaration (999 items of 512-character texts) is far smaller. */
    static final int MAX_RECORD_BYTES = 1 << 20;
    /** Of a rejected record's bytes, at most this much is kept: enough to see what it was, small enough to write out. */
    static final int MAX_KEPT_BYTES = 64 * 1024;
    private static final int MAX_REASONS = 20;

    private final TopologySerdes serdes;
    private final SentinelMetrics metrics;
    /** Whether the duplicate filter comes next (it fingerprints the record's bytes), or the lateness gate. */
    private final boolean countsIds;
    private ProcessorContext<String, Object> context;
    private AvroDeserializer<SpecificRecord> deserializer;

    DecodeProcessor(TopologySerdes serdes, SentinelMetrics metrics, boolean countsIds) {
        this.serdes = serdes;
        this.metrics = metrics;
        this.countsIds = countsIds;
    }

    @Override
    public void init(ProcessorContext<String, Object> context) {
        this.context = context;
        this.deserializer = serdes.declarations();
    }

    @Override
    public void process(Record<String, byte[]> record) {
        RecordMetadata source = context.recordMetadata().orElse(null);
        String topic = source == null ? "unknown" : source.topic();
        byte[] value = record.value();
        if (value == null || value.length == 0) {
            reject(record, source, List.of(new Violation(ReasonCode.EMPTY, value == null ? "a record without a value (tombstone)"
                    : "a record with an empty value", null)));
            return;
        }
        if (value.length > MAX_RECORD_BYTES) {
            reject(record, source, List.of(new Violation(ReasonCode.TOO_LARGE, "a record of " + value.length + " bytes; a declaration"
                    + " has at most " + MAX_RECORD_BYTES, null)));
            return;
        }
        SpecificRecord decoded;
        try {
            decoded = deserializer.deserialize(topic, value);
        } catch (SerializationException e) {
            reject(record, source, List.of(new Violation(ReasonCode.UNDESERIALIZABLE, e.getMessage(), null)));
            return;
        }
        if (!(decoded instanceof Declaration declaration)) {
            reject(record, source, List.of(new Violation(ReasonCode.UNDESERIALIZABLE, "a " + decoded.getSchema().getFullName()
                    + " record, not a " + Declaration.getClassSchema().getFullName(), null)));
            return;
        }
        if (!declaration.getDeclarationId().equals(record.key())) {
            reject(record, source, List.of(new Violation(ReasonCode.KEY_MISMATCH, "key " + (record.key() == null ? "null"
                    : "'" + record.key() + "'") + " is not the declaration's id '" + declaration.getDeclarationId() + "'", "key")));
            return;
        }
        List<Violation> violations = DeclarationRules.check(declaration, Instant.ofEpochMilli(context.currentSystemTimeMs()));
        if (!violations.isEmpty()) {
            reject(record, source, violations);
            return;
        }
        Record<String, byte[]> stamped = record.withTimestamp(declaration.getLodgedAt().toEpochMilli());
        if (countsIds) {
            context.forward(stamped.withValue((Object) new Decoded(declaration, value)), Nodes.DROP_DUPLICATES);
        } else {
            context.forward(stamped.withValue((Object) declaration), Nodes.KEEP_EVENT_TIME);
        }
    }

    private void reject(Record<String, byte[]> record, RecordMetadata source, List<Violation> violations) {
        Set<ReasonCode> codes = new LinkedHashSet<>();
        violations.forEach(v -> codes.add(v.code()));
        codes.forEach(code -> metrics.rejected(code.name()));
        context.forward(record.withValue((Object) rejected(record, source, violations)), Nodes.REJECTED_SINK);
    }

    private RejectedRecord rejected(Record<String, byte[]> record, RecordMetadata source, List<Violation> violations) {
        long timestamp = record.timestamp() >= 0 ? record.timestamp() : context.currentSystemTimeMs();
        byte[] value = record.value();
        List<Rejection> reasons = violations.stream().limit(MAX_REASONS).map(Violation::toRejection).toList();
        return RejectedRecord.newBuilder()
                .setSource(source == null ? "unknown" : source.topic())
                .setPartition(source == null ? null : source.partition())
                .setOffset(source == null ? null : source.offset())
                .setRawBytes(value == null ? null : ByteBuffer.wrap(value, 0, Math.min(value.length, MAX_KEPT_BYTES)).slice())
                .setReasons(reasons)
                .setRejectedAt(Instant.ofEpochMilli(timestamp))
                .build();
    }

    @Override
    public void close() {
        if (deserializer != null) {
            deserializer.close();
        }
    }
}
