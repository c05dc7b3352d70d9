package org.customssentinel.streams.topology;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.customssentinel.avro.Declaration;
import org.customssentinel.avro.GoodsItem;
import org.customssentinel.avro.RejectedRecord;
import org.customssentinel.avro.Rejection;
import org.customssentinel.schemas.serde.AvroDeserializer;
import org.customssentinel.streams.metrics.SentinelMetrics;

/**
 * Decodes declarations itself rather than through a Kafka Streams deserializer, so that a poison pill becomes a
 * {@link RejectedRecord} naming its topic, partition and offset and processing goes on. Also re-stamps each record
 * with its lodged time: event time is the declaration's, whoever produced it.
 */
final class DecodeProcessor implements FixedKeyProcessor<String, byte[], Decoded> {

    private static final Pattern HS_CODE = Pattern.compile("\\d{6,10}");

    private final TopologySerdes serdes;
    private final SentinelMetrics metrics;
    private FixedKeyProcessorContext<String, Decoded> context;
    private AvroDeserializer<Declaration> deserializer;

    DecodeProcessor(TopologySerdes serdes, SentinelMetrics metrics) {
        this.serdes = serdes;
        this.metrics = metrics;
    }

    @Override
    public void init(FixedKeyProcessorContext<String, Decoded> context) {
        this.context = context;
        this.deserializer = serdes.declarations();
    }

    @Override
    public void process(FixedKeyRecord<String, byte[]> record) {
        RecordMetadata source = context.recordMetadata().orElse(null);
        String topic = source == null ? "unknown" : source.topic();
        if (record.value() == null) {
            metrics.rejected("EMPTY");
            context.forward(record.withValue(Decoded.rejected(rejected(record, source, "EMPTY", "a record without a value (tombstone)"))));
            return;
        }
        Declaration declaration;
        try {
            declaration = deserializer.deserialize(topic, record.value());
        } catch (SerializationException e) {
            metrics.rejected("UNDESERIALIZABLE");
            context.forward(record.withValue(Decoded.rejected(rejected(record, source, "UNDESERIALIZABLE", e.getMessage()))));
            return;
        }
        List<String> problems = problems(declaration);
        if (!problems.isEmpty()) {
            metrics.rejected("INVALID_DECLARATION");
            context.forward(record.withValue(Decoded.rejected(rejected(record, source, "INVALID_DECLARATION", String.join("; ", problems)))));
            return;
        }
        metrics.declarationProcessed(declaration.getItems().size());
        context.forward(record.withValue(Decoded.of(declaration)).withTimestamp(declaration.getLodgedAt().toEpochMilli()));
    }

    /** What the rest of the topology relies on; the producer checks far more, but not every producer is ours. */
    private static List<String> problems(Declaration declaration) {
        List<String> problems = new ArrayList<>();
        if (declaration.getItems().isEmpty()) {
            problems.add("no goods items");
        }
        for (GoodsItem item : declaration.getItems()) {
            if (!HS_CODE.matcher(item.getHsCode()).matches()) {
                problems.add("item " + item.getItemNumber() + ": hs code '" + item.getHsCode() + "' is not 6 to 10 digits");
            }
            if (item.getValueUsd().signum() < 0) {
                problems.add("item " + item.getItemNumber() + ": negative value");
            }
        }
        if (declaration.getLodgedAt().toEpochMilli() < 0) {
            problems.add("lodged before 1970");
        }
        return problems;
    }

    private RejectedRecord rejected(FixedKeyRecord<String, byte[]> record, RecordMetadata source, String code, String message) {
        long timestamp = record.timestamp() >= 0 ? record.timestamp() : context.currentSystemTimeMs();
        return RejectedRecord.newBuilder()
                .setSource(source == null ? "unknown" : source.topic())
                .setPartition(source == null ? null : source.partition())
                .setOffset(source == null ? null : source.offset())
                .setRawBytes(record.value() == null ? null : ByteBuffer.wrap(record.value()))
                .setReasons(List.of(Rejection.newBuilder().setCode(code).setMessage(message).build()))
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
