package org.customssentinel.streams.topology;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.customssentinel.avro.ClassificationBasis;
import org.customssentinel.avro.ClassificationMatch;
import org.customssentinel.avro.Declaration;
import org.customssentinel.avro.EnrichedDeclaration;
import org.customssentinel.avro.EnrichedItem;
import org.customssentinel.avro.GoodsItem;
import org.customssentinel.avro.ListReference;
import org.customssentinel.avro.PartyMatch;
import org.customssentinel.avro.RejectedRecord;
import org.customssentinel.avro.Rejection;
import org.customssentinel.avro.internal.FlowContribution;
import org.customssentinel.avro.internal.FlowEvent;
import org.customssentinel.avro.internal.Watermark;
import org.customssentinel.streams.detect.AlertFactory;
import org.customssentinel.streams.flow.FlowKeys;
import org.customssentinel.streams.flow.FlowDimensions;
import org.customssentinel.streams.flow.WindowSettings;
import org.customssentinel.streams.metrics.SentinelMetrics;

/**
 * Per input partition: turns each enriched declaration into one contribution per trade flow it touches, rejects it as
 * LATE when its window has closed by this partition's stream time (decided here, in the partition's own order, so a
 * replay decides the same), raises WATCHLIST_HIT alerts, and tells every flow partition how far it has got and the
 * earliest declaration it counted.
 */
final class FanOutProcessor implements Processor<String, EnrichedDeclaration, String, Routed> {

    static final String STREAM_TIME_STORE = "fan-out-stream-time";
    private static final String STREAM_TIME = "stream-time";
    private static final String LAST_WATERMARK = "last-watermark";
    private static final String FIRST_SEEN = "first-seen";

    private final WindowSettings windows;
    private final FlowDimensions dimensions;
    private final SentinelMetrics metrics;
    private ProcessorContext<String, Routed> context;
    private WriteThroughStore<Long> clock;

    FanOutProcessor(WindowSettings windows, FlowDimensions dimensions, SentinelMetrics metrics) {
        this.windows = windows;
        this.dimensions = dimensions;
        this.metrics = metrics;
    }

    @Override
    public void init(ProcessorContext<String, Routed> context) {
        this.context = context;
        this.clock = new WriteThroughStore<>(context.getStateStore(STREAM_TIME_STORE), 3);
    }

    @Override
    public void process(Record<String, EnrichedDeclaration> record) {
        EnrichedDeclaration enriched = record.value();
        Declaration declaration = enriched.getDeclaration();
        long timestamp = declaration.getLodgedAt().toEpochMilli();
        long previous = get(STREAM_TIME);
        long streamTime = Math.max(previous, timestamp);
        if (streamTime > previous) {
            clock.put(STREAM_TIME, streamTime);
        }
        if (windows.closed(windows.startOf(timestamp), streamTime)) {
            metrics.rejected("LATE");
            context.forward(record.withKey(declaration.getDeclarationId()).withValue(new Routed(Routed.Destination.REJECTED, late(declaration, streamTime))));
        } else {
            if (timestamp < get(FIRST_SEEN, Long.MAX_VALUE)) {
                clock.put(FIRST_SEEN, timestamp);
            }
            for (Map.Entry<String, FlowContribution> flow : contributions(enriched).entrySet()) {
                FlowEvent event = FlowEvent.newBuilder().setContribution(flow.getValue()).build();
                context.forward(record.withKey(flow.getKey()).withValue(new Routed(Routed.Destination.FLOW_EVENTS, event)));
            }
            watchlistHits(record, enriched);
        }
        // A watermark matters only when it lets another window close: send one per window boundary, not per record.
        if (closableBy(streamTime) > closableBy(get(LAST_WATERMARK))) {
            clock.put(LAST_WATERMARK, streamTime);
            int partition = context.recordMetadata().map(m -> m.partition()).orElse(0);
            FlowEvent watermark = FlowEvent.newBuilder().setWatermark(Watermark.newBuilder().setSourcePartition(partition)
                    .setStreamTime(Instant.ofEpochMilli(streamTime)).setFirstSeen(Instant.ofEpochMilli(get(FIRST_SEEN, streamTime))).build()).build();
            context.forward(record.withKey(FlowEventPartitioner.WATERMARK_KEY).withValue(new Routed(Routed.Destination.FLOW_EVENTS, watermark)));
        }
    }

    /** How many windows (counted from the epoch) have closed by stream time {@code time}. */
    private long closableBy(long time) {
        return Math.floorDiv(time - windows.grace().toMillis(), windows.sizeMs());
    }

    private long get(String key) {
        return get(key, Long.MIN_VALUE / 2);
    }

    private long get(String key, long absent) {
        Long value = clock.get(key);
        return value == null ? absent : value;
    }

    /** One contribution per flow: a declaration's items on the same flow add up. */
    private Map<String, FlowContribution> contributions(EnrichedDeclaration enriched) {
        Declaration d = enriched.getDeclaration();
        Map<String, FlowContribution.Builder> flows = new LinkedHashMap<>();
        for (int i = 0; i < d.getItems().size(); i++) {
            GoodsItem item = d.getItems().get(i);
            EnrichedItem classified = enriched.getItems().get(i);
            String key = dimensions.keyOf(d, item);
            FlowContribution.Builder flow = flows.computeIfAbsent(key, k -> FlowContribution.newBuilder()
                    .setDeclarationId(d.getDeclarationId()).setLodgedAt(d.getLodgedAt())
                    .setExporter(d.getExporter().getName())
                    .setValueUsd(BigDecimal.ZERO.setScale(2)).setNetMassKg(BigDecimal.ZERO.setScale(3)).setItemCount(0)
                    .setControlled(false).setLists(new ArrayList<>()).setGoodsDescription(item.getDescription()));
            flow.setValueUsd(flow.getValueUsd().add(item.getValueUsd()));
            flow.setNetMassKg(flow.getNetMassKg().add(item.getNetMassKg()));
            flow.setItemCount(flow.getItemCount() + 1);
            for (ClassificationMatch match : classified.getMatches()) {
                if (match.getBasis() == ClassificationBasis.LISTED) {
                    flow.setControlled(true);
                }
                ListReference list = ListReference.newBuilder().setListId(match.getListId()).setCategory(match.getCategory())
                        .setListVersion(match.getListVersion()).build();
                if (!flow.getLists().contains(list)) {
                    flow.getLists().add(list);
                }
            }
            if (!classified.getMatches().isEmpty()) {
                flow.setGoodsDescription(classified.getMatches().get(0).getDescription());
            }
        }
        Map<String, FlowContribution> built = new LinkedHashMap<>();
        flows.forEach((key, builder) -> built.put(key, builder.build()));
        return built;
    }

    private void watchlistHits(Record<String, EnrichedDeclaration> record, EnrichedDeclaration enriched) {
        if (enriched.getPartyMatches().isEmpty()) {
            return;
        }
        Declaration d = enriched.getDeclaration();
        FlowContribution first = contributions(enriched).values().iterator().next();
        String firstFlow = dimensions.keyOf(d, d.getItems().get(0));
        BigDecimal total = d.getItems().stream().map(GoodsItem::getValueUsd).reduce(BigDecimal.ZERO, BigDecimal::add);
        List<ListReference> lists = new ArrayList<>();
        enriched.getItems().forEach(item -> item.getMatches().forEach(m -> {
            ListReference list = ListReference.newBuilder().setListId(m.getListId()).setCategory(m.getCategory()).setListVersion(m.getListVersion()).build();
            if (!lists.contains(list)) {
                lists.add(list);
            }
        }));
        for (PartyMatch match : enriched.getPartyMatches()) {
            var alert = AlertFactory.watchlistHit(d.getDeclarationId(), d.getLodgedAt(), FlowKeys.flow(firstFlow), total, match, lists,
                    first.getGoodsDescription());
            metrics.alertRaised(alert, record.headers());
            context.forward(record.withKey(alert.getAlertId()).withValue(new Routed(Routed.Destination.ALERTS, alert)));
        }
    }

    private RejectedRecord late(Declaration declaration, long streamTime) {
        long windowStart = windows.startOf(declaration.getLodgedAt().toEpochMilli());
        String message = "lodged " + declaration.getLodgedAt() + ": its window (from " + Instant.ofEpochMilli(windowStart)
                + ") closed before stream time " + Instant.ofEpochMilli(streamTime) + " (grace " + windows.grace() + ")";
        RecordMetadataText source = RecordMetadataText.of(context);
        return RejectedRecord.newBuilder().setSource(source.topic()).setPartition(source.partition()).setOffset(source.offset())
                .setRawText(declaration.getDeclarationId())
                .setReasons(List.of(Rejection.newBuilder().setCode("LATE").setMessage(message).setField("lodgedAt").build()))
                .setRejectedAt(declaration.getLodgedAt()).build();
    }

    /** Where the current record came from, with nulls outside a record context. */
    private record RecordMetadataText(String topic, Integer partition, Long offset) {
        static RecordMetadataText of(ProcessorContext<?, ?> context) {
            return context.recordMetadata().map(m -> new RecordMetadataText(m.topic(), m.partition(), m.offset()))
                    .orElse(new RecordMetadataText("unknown", null, null));
        }
    }
}
