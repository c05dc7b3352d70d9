package org.customssentinel.streams.topology;

import java.time.Instant;
import java.util.List;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.customssentinel.avro.Declaration;
import org.customssentinel.avro.RejectedRecord;
import org.customssentinel.avro.Rejection;
import org.customssentinel.avro.internal.FlowEvent;
import org.customssentinel.avro.internal.Watermark;
import org.customssentinel.schemas.declaration.ReasonCode;
import org.customssentinel.streams.flow.WindowSettings;
import org.customssentinel.streams.memory.WriteThroughStore;
import org.customssentinel.streams.metrics.SentinelMetrics;

/**
 * Per input partition, before anything is enriched or counted: keeps the partition's stream time (its newest lodged
 * time), rejects as LATE a declaration whose window had closed by then (decided here, in the partition's own order, so
 * a replay decides the same), and tells every flow partition how far it has got and the earliest declaration it let
 * through. What is late is neither enriched nor counted: customs.declarations.enriched holds what the flows count.
 */
final class LatenessGate implements Processor<String, Declaration, String, SpecificRecord> {

    private static final String STREAM_TIME = "stream-time";
    private static final String LAST_WATERMARK = "last-watermark";
    private static final String FIRST_SEEN = "first-seen";

    private final WindowSettings windows;
    private final SentinelMetrics metrics;
    private final InputLanes lanes;
    private ProcessorContext<String, SpecificRecord> context;
    private WriteThroughStore<Long> clock;

    LatenessGate(WindowSettings windows, SentinelMetrics metrics, InputLanes lanes) {
        this.windows = windows;
        this.metrics = metrics;
        this.lanes = lanes;
    }

    @Override
    public void init(ProcessorContext<String, SpecificRecord> context) {
        this.context = context;
        this.clock = new WriteThroughStore<>(context.getStateStore(TopologyStores.STREAM_TIME), 3);
    }

    @Override
    public void process(Record<String, Declaration> record) {
        Declaration declaration = record.value();
        long timestamp = declaration.getLodgedAt().toEpochMilli();
        int partition = lanes.laneOf(record.key(), context.recordMetadata().map(m -> m.partition()).orElse(0));
        String streamTimeKey = lanes.stateKey(STREAM_TIME, partition);
        String firstSeenKey = lanes.stateKey(FIRST_SEEN, partition);
        String lastWatermarkKey = lanes.stateKey(LAST_WATERMARK, partition);
        long previous = get(streamTimeKey, Long.MIN_VALUE / 2);
        long streamTime = Math.max(previous, timestamp);
        if (streamTime > previous) {
            clock.put(streamTimeKey, streamTime);
        }
        if (windows.closed(windows.startOf(timestamp), streamTime)) {
            metrics.rejected(ReasonCode.LATE.name());
            context.forward(record.withValue((SpecificRecord) late(declaration, streamTime)), Nodes.REJECTED_SINK);
        } else {
            if (timestamp < get(firstSeenKey, Long.MAX_VALUE)) {
                clock.put(firstSeenKey, timestamp);
            }
            context.forward(record.withValue((SpecificRecord) declaration), Nodes.ENRICH);
        }
        // After the declaration's own contributions (forwarding runs them to the sinks first). A watermark matters only
        // when it lets another window close: one per window boundary, not per record.
        if (closableBy(streamTime) > closableBy(get(lastWatermarkKey, Long.MIN_VALUE / 2))) {
            clock.put(lastWatermarkKey, streamTime);
            FlowEvent watermark = FlowEvent.newBuilder().setWatermark(Watermark.newBuilder().setSourcePartition(partition)
                    .setStreamTime(Instant.ofEpochMilli(streamTime)).setFirstSeen(Instant.ofEpochMilli(get(firstSeenKey, streamTime))).build()).build();
            context.forward(record.withKey(FlowEventPartitioner.WATERMARK_KEY).withValue((SpecificRecord) watermark), Nodes.ADD_UP_CONTRIBUTIONS);
        }
    }

    /** How many windows (counted from the epoch) have closed by stream time {@code time}. */
    private long closableBy(long time) {
        return Math.floorDiv(time - windows.grace().toMillis(), windows.sizeMs());
    }

    private long get(String key, long absent) {
        Long value = clock.get(key);
        return value == null ? absent : value;
    }

    private RejectedRecord late(Declaration declaration, long streamTime) {
        long windowStart = windows.startOf(declaration.getLodgedAt().toEpochMilli());
        String message = "lodged " + declaration.getLodgedAt() + ": its window (from " + Instant.ofEpochMilli(windowStart)
                + ") closed before stream time " + Instant.ofEpochMilli(streamTime) + " (grace " + windows.grace() + ")";
        var source = context.recordMetadata();
        return RejectedRecord.newBuilder().setSource(source.map(m -> m.topic()).orElse("unknown"))
                .setPartition(source.map(m -> m.partition()).orElse(null)).setOffset(source.map(m -> m.offset()).orElse(null))
                .setRawText(declaration.getDeclarationId())
                .setReasons(List.of(Rejection.newBuilder().setCode(ReasonCode.LATE.name()).setMessage(message).setField("lodgedAt").build()))
                .setRejectedAt(declaration.getLodgedAt()).build();
    }
}
