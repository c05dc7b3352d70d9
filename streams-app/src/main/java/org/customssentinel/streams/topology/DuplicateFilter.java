package org.customssentinel.streams.topology;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.customssentinel.avro.Declaration;
import org.customssentinel.avro.RejectedRecord;
import org.customssentinel.avro.Rejection;
import org.customssentinel.avro.internal.SeenDeclaration;
import org.customssentinel.streams.flow.FlowKeys;
import org.customssentinel.streams.metrics.SentinelMetrics;

/**
 * Per input partition: lets each declaration id through once. A copy with the same content (a file produced twice, a
 * retried job) is dropped and counted; a copy with other content is rejected as CONFLICTING_DUPLICATE, naming where
 * both were read, because only one of them can be counted and the topic's order is no authority on which is right.
 * Declarations are keyed by id, so every copy of one reaches the same partition while the partition count stays.
 * <p>
 * Ids are kept for {@link #RETENTION} of event time behind the partition's newest declaration. A copy older than that
 * has a window that closed long ago, so the fan-out rejects it as LATE: it is still counted nowhere twice.
 */
final class DuplicateFilter implements FixedKeyProcessor<String, Decoded, Decoded> {

    static final String SEEN_STORE = "seen-declarations";
    static final Duration RETENTION = Duration.ofDays(90);
    /** How often (in stream time) expired ids are purged: a scan of what expired since, not of the whole store. */
    private static final Duration PURGE_INTERVAL = Duration.ofDays(1);
    private static final String BY_ID = "id|";
    private static final String BY_TIME = "at|";

    private final SentinelMetrics metrics;
    private FixedKeyProcessorContext<String, Decoded> context;
    private KeyValueStore<String, SeenDeclaration> seen;
    private MessageDigest sha256;

    DuplicateFilter(SentinelMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void init(FixedKeyProcessorContext<String, Decoded> context) {
        this.context = context;
        this.seen = context.getStateStore(SEEN_STORE);
        try {
            this.sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
        context.schedule(PURGE_INTERVAL, PunctuationType.STREAM_TIME, this::purge);
    }

    @Override
    public void process(FixedKeyRecord<String, Decoded> record) {
        Decoded decoded = record.value();
        if (decoded.isRejected()) {
            context.forward(record);
            return;
        }
        Declaration declaration = decoded.declaration();
        RecordMetadata source = context.recordMetadata().orElseThrow();
        String id = declaration.getDeclarationId();
        String fingerprint = fingerprint(declaration);
        SeenDeclaration first = seen.get(BY_ID + id);
        if (first == null) {
            SeenDeclaration entry = SeenDeclaration.newBuilder().setFingerprint(fingerprint).setPartition(source.partition())
                    .setOffset(source.offset()).setLodgedAt(declaration.getLodgedAt()).build();
            seen.put(BY_ID + id, entry);
            seen.put(BY_TIME + FlowKeys.timeOrdered(declaration.getLodgedAt().toEpochMilli(), id), entry);
            metrics.declarationProcessed(declaration.getItems().size());
            context.forward(record);
        } else if (first.getFingerprint().equals(fingerprint)) {
            metrics.duplicateDropped();
        } else {
            metrics.rejected("CONFLICTING_DUPLICATE");
            context.forward(record.withValue(Decoded.rejected(conflict(declaration, first, source))));
        }
    }

    private String fingerprint(Declaration declaration) {
        try {
            ByteBuffer encoded = declaration.toByteBuffer();
            sha256.update(encoded);
            return HexFormat.of().formatHex(sha256.digest());
        } catch (IOException e) {
            throw new IllegalStateException("a decoded declaration failed to encode again: " + declaration.getDeclarationId(), e);
        }
    }

    private static RejectedRecord conflict(Declaration declaration, SeenDeclaration first, RecordMetadata source) {
        String message = "declaration " + declaration.getDeclarationId() + " was counted from partition " + first.getPartition()
                + " offset " + first.getOffset() + "; this copy (partition " + source.partition() + " offset " + source.offset()
                + ") has other content and is not counted";
        return RejectedRecord.newBuilder().setSource(source.topic()).setPartition(source.partition()).setOffset(source.offset())
                .setRawText(declaration.toString())
                .setReasons(List.of(Rejection.newBuilder().setCode("CONFLICTING_DUPLICATE").setMessage(message).setField("declarationId").build()))
                .setRejectedAt(declaration.getLodgedAt()).build();
    }

    /** Forgets ids lodged more than the retention before stream time {@code now}. */
    private void purge(long now) {
        long cutoff = now - RETENTION.toMillis();
        if (cutoff < 0) {
            return;
        }
        List<KeyValue<String, SeenDeclaration>> expired = new ArrayList<>();
        try (KeyValueIterator<String, SeenDeclaration> due = seen.range(BY_TIME, BY_TIME + FlowKeys.timeOrdered(cutoff, "\uffff"))) {
            due.forEachRemaining(expired::add);
        }
        for (KeyValue<String, SeenDeclaration> entry : expired) {
            seen.delete(entry.key);
            seen.delete(BY_ID + entry.key.substring(entry.key.indexOf('|', BY_TIME.length()) + 1));
        }
        if (!expired.isEmpty()) {
            metrics.seenIdsExpired(expired.size());
        }
    }
}
