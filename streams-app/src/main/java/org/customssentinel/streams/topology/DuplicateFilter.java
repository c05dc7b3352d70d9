package org.customssentinel.streams.topology;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;
import org.customssentinel.avro.Declaration;
import org.customssentinel.avro.RejectedRecord;
import org.customssentinel.avro.Rejection;
import org.customssentinel.schemas.declaration.ReasonCode;
import org.customssentinel.streams.metrics.SentinelMetrics;

/**
 * Per input partition: lets each declaration id through once. A copy with the same content (a file produced twice, a
 * retried job) is dropped and counted; a copy with other content is rejected as CONFLICTING_DUPLICATE, naming where
 * both were read, because only one of them can be counted and the topic's order is no authority on which is right.
 * Declarations are keyed by id, so every copy of one reaches the same partition while the partition count stays.
 *
 * <p>Ids are kept for {@link #RETENTION} of event time behind the newest declaration of the partition. A copy older
 * than that has a window that closed long ago, so the fan-out rejects it as LATE: it is still counted nowhere twice.
 *
 * <p>Cost matters here: this runs for every declaration, and nearly every id is new. A Bloom filter of the stored ids
 * answers "new" from memory, so the store is read only for ids that may have been seen; a new id costs one write. No
 * cache in front of the store (every key is new, so a cache only adds its own sorted map), no time index: once per
 * retention period of event time one scan drops what expired and rebuilds the Bloom filter, so each id is scanned at
 * most twice in its life.
 */
final class DuplicateFilter implements Processor<String, Decoded, String, SpecificRecord> {

    static final Duration RETENTION = Duration.ofDays(90);
    /** Ids a partition is expected to hold within a retention period; more only make the Bloom filter less useful. */
    private static final int EXPECTED_IDS = 1 << 20;

    private final SentinelMetrics metrics;
    private ProcessorContext<String, SpecificRecord> context;
    private WindowStore<String, byte[]> seen;
    private final TopologySerdes serdes;
    private ContentFingerprints fingerprints;
    /** Ids of the current and the previous retention period (by lodged time): older ones have expired. */
    private IdBloomFilter known;
    private IdBloomFilter knownBefore;
    /** Newest lodged time of the partition, and the retention period it falls in, which the last purge covered. */
    private long newest = Long.MIN_VALUE;
    private long purgedPeriod;

    DuplicateFilter(TopologySerdes serdes, SentinelMetrics metrics) {
        this.serdes = serdes;
        this.metrics = metrics;
    }

    @Override
    public void init(ProcessorContext<String, SpecificRecord> context) {
        this.context = context;
        this.seen = context.getStateStore(TopologyStores.SEEN_DECLARATIONS);
        this.fingerprints = new ContentFingerprints(serdes.registry());
        // Called once the store is restored: what it holds is everything this partition has counted.
        rebuild();
    }

    @Override
    public void process(Record<String, Decoded> record) {
        Decoded decoded = record.value();
        Declaration declaration = decoded.declaration();
        RecordMetadata source = context.recordMetadata().orElseThrow();
        String id = declaration.getDeclarationId();
        byte[] fingerprint = fingerprints.of(decoded.raw(), declaration);
        long lodged = declaration.getLodgedAt().toEpochMilli();
        if (lodged > newest) {
            newest = lodged;
            rollWhenAPeriodEnds();
        }
        byte[] stored = known.mightContain(id) || knownBefore.mightContain(id) ? lookUp(id) : null;
        if (stored == null) {
            if (lodged >= horizon()) {
                seen.put(id, new SeenDeclaration(fingerprint, source.partition(), source.offset(), lodged).encode(), lodged);
                (period(lodged) == purgedPeriod ? known : knownBefore).add(id);
            }
            metrics.declarationProcessed(declaration.getItems().size());
            context.forward(record.withValue((SpecificRecord) declaration), Nodes.KEEP_EVENT_TIME);
        } else {
            SeenDeclaration first = SeenDeclaration.decode(stored);
            if (first.sameContentAs(fingerprint)) {
                metrics.duplicateDropped();
            } else {
                metrics.rejected(ReasonCode.CONFLICTING_DUPLICATE.name());
                context.forward(record.withValue((SpecificRecord) conflict(declaration, first, source)), Nodes.REJECTED_SINK);
            }
        }
    }

    private static RejectedRecord conflict(Declaration declaration, SeenDeclaration first, RecordMetadata source) {
        String message = "declaration " + declaration.getDeclarationId() + " was counted from partition " + first.partition()
                + " offset " + first.offset() + "; this copy (partition " + source.partition() + " offset " + source.offset()
                + ") has other content and is not counted";
        return RejectedRecord.newBuilder().setSource(source.topic()).setPartition(source.partition()).setOffset(source.offset())
                .setRawText(declaration.toString())
                .setReasons(List.of(Rejection.newBuilder().setCode(ReasonCode.CONFLICTING_DUPLICATE.name()).setMessage(message).setField("declarationId").build()))
                .setRejectedAt(declaration.getLodgedAt()).build();
    }

    /** Ids lodged before this have expired, whether or not the store has dropped their segment yet. */
    private long horizon() {
        return newest == Long.MIN_VALUE ? Long.MIN_VALUE : newest - RETENTION.toMillis();
    }

    /** The stored entry of {@code id} lodged within the retention, if any. */
    private byte[] lookUp(String id) {
        try (WindowStoreIterator<byte[]> entries = seen.fetch(id, Math.max(0, horizon()), Long.MAX_VALUE)) {
            return entries.hasNext() ? entries.next().value : null;
        }
    }

    private void rollWhenAPeriodEnds() {
        long period = period(newest);
        if (period == purgedPeriod + 1) {
            knownBefore = known;
            known = new IdBloomFilter(EXPECTED_IDS);
            purgedPeriod = period;
        } else if (period > purgedPeriod) {
            knownBefore = new IdBloomFilter(EXPECTED_IDS);
            known = new IdBloomFilter(EXPECTED_IDS);
            purgedPeriod = period;
        }
    }

    /** The Bloom filters from what the store holds, and the newest lodged time in it. */
    private void rebuild() {
        newest = Long.MIN_VALUE;
        List<KeyValue<Windowed<String>, byte[]>> all = new ArrayList<>();
        try (KeyValueIterator<Windowed<String>, byte[]> entries = seen.all()) {
            entries.forEachRemaining(all::add);
        }
        all.forEach(e -> newest = Math.max(newest, e.key.window().start()));
        purgedPeriod = period(newest);
        known = new IdBloomFilter(EXPECTED_IDS);
        knownBefore = new IdBloomFilter(EXPECTED_IDS);
        for (KeyValue<Windowed<String>, byte[]> e : all) {
            long p = period(e.key.window().start());
            if (p == purgedPeriod) {
                known.add(e.key.key());
            } else if (p == purgedPeriod - 1) {
                knownBefore.add(e.key.key());
            }
        }
    }

    private static long period(long time) {
        return time == Long.MIN_VALUE ? Long.MIN_VALUE / 2 : Math.floorDiv(time, RETENTION.toMillis());
    }
}
