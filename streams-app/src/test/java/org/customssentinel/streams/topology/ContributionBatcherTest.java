package org.customssentinel.streams.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.MockProcessorContext.CapturedForward;
import org.apache.kafka.streams.processor.api.Record;
import org.customssentinel.avro.ListReference;
import org.customssentinel.avro.internal.FlowContribution;
import org.customssentinel.avro.internal.FlowEvent;
import org.customssentinel.avro.internal.TraderActivity;
import org.customssentinel.avro.internal.Watermark;
import org.customssentinel.avro.internal.WindowContributions;
import org.customssentinel.streams.flow.WindowSettings;
import org.junit.jupiter.api.Test;

/**
 * What goes to the flow-events topic between two commits: per flow window one record, the contributions added up
 * (one alone as it came), all of them ahead of a watermark, nothing held across a commit, nothing kept of work Kafka
 * Streams abandons; and everything as it comes for a release that reads no sums.
 */
class ContributionBatcherTest {

    private static final Instant MONDAY = Instant.parse("2024-03-04T10:00:00Z");
    private static final Instant NEXT_WEEK = MONDAY.plusSeconds(7 * 24 * 3600);
    private static final ListReference CHPL = ListReference.newBuilder().setListId("CHPL").setCategory("Tier 1").setListVersion("2024-02-23").build();

    private final MockProcessorContext<String, FlowEvent> context = new MockProcessorContext<>();
    private final CommitPoint commit = new CommitPoint(TopologyStores.FLOW_EVENTS_COMMIT);

    private ContributionBatcher start(ContributionFormat format) {
        commit.init(context.getStateStoreContext(), commit);
        context.addStateStore(commit);
        ContributionBatcher batcher = new ContributionBatcher(WindowSettings.weekly(), format == ContributionFormat.SUMMED);
        batcher.init(context);
        return batcher;
    }

    @Test
    void shouldSendOneRecordPerFlowWindowAtTheCommitWithItsContributionsAddedUp() {
        ContributionBatcher batcher = start(ContributionFormat.SUMMED);
        FlowContribution alone = contribution("D-2", "Kraft", "10.00", MONDAY, false);
        batcher.process(event("CN|RU|854231", contribution("D-3", "Xin Tech", "100.00", MONDAY, false)));
        batcher.process(event("CN|RU|854231", contribution("D-1", "Kraft", "50.00", MONDAY.plusSeconds(60), true)));
        batcher.process(event("CN|KZ|854231", alone));
        batcher.process(event("CN|RU|854231", contribution("D-4", "Xin Tech", "7.00", NEXT_WEEK, false)));
        batcher.process(event("CN|RU|854231", contribution("D-5", "Xin Tech", "3.00", MONDAY.plusSeconds(30), true)));
        assertTrue(context.forwarded().isEmpty(), "nothing goes out before the commit");

        commit.flushCache();

        List<CapturedForward<? extends String, ? extends FlowEvent>> out = context.forwarded();
        assertEquals(3, out.size(), "one record per flow window: " + out);
        Record<? extends String, ? extends FlowEvent> sum = out.get(0).record();
        assertEquals("CN|RU|854231", sum.key());
        assertEquals(MONDAY.plusSeconds(60).toEpochMilli(), sum.timestamp(), "the latest declaration's time");
        WindowContributions added = sum.value().getContributions();
        assertNull(sum.value().getContribution());
        assertEquals(new BigDecimal("153.00"), added.getValueUsd());
        assertEquals(new BigDecimal("4.500"), added.getNetMassKg());
        assertEquals(3, added.getItemCount());
        assertEquals(3, added.getDeclarationCount());
        assertEquals(Map.of("Xin Tech", new BigDecimal("103.00"), "Kraft", new BigDecimal("50.00")), Map.copyOf(added.getPartyValues()));
        assertEquals(List.of("D-1", "D-3", "D-5"), added.getSampleDeclarationIds(), "the smallest ids, sorted");
        assertEquals(List.of(CHPL), added.getLists());
        assertTrue(added.getControlled());
        assertEquals("goods of D-3", added.getGoodsDescription(), "the first declaration's, as a window it opens starts with");
        assertEquals("goods of D-5", added.getControlledGoodsDescription(), "the last controlled declaration's");
        assertEquals("CN|KZ|854231", out.get(1).record().key());
        assertEquals(alone, out.get(1).record().value().getContribution(), "a window with one contribution gets it as it came");
        assertEquals(NEXT_WEEK, out.get(2).record().value().getContribution().getLodgedAt(), "next week's window apart");
        out.forEach(forward -> assertEquals(Nodes.FLOW_EVENTS_SINK, forward.childName().orElseThrow()));

        context.resetForwards();
        commit.flushCache();
        assertTrue(context.forwarded().isEmpty(), "nothing is held across a commit");
    }

    @Test
    void shouldSendTheContributionsToAWindowAheadOfTheWatermarkThatLetsItCloseAndAnExportersActivityAtOnce() {
        ContributionBatcher batcher = start(ContributionFormat.SUMMED);
        batcher.process(event("CN|RU|854231", contribution("D-1", "Kraft", "50.00", MONDAY, false)));
        batcher.process(event("CN|RU|854231", contribution("D-7", "Kraft", "5.00", NEXT_WEEK, false)));
        FlowEvent activity = FlowEvent.newBuilder().setTrader(TraderActivity.newBuilder().setExporterKey("kraft").setExporterName("Kraft")
                .setDeclarationId("D-1").setLodgedAt(MONDAY).build()).build();
        batcher.process(new Record<>("kraft", activity, MONDAY.toEpochMilli()));
        assertEquals(List.of(activity), values(), "an exporter's activity passes straight on");

        // Monday's window (from Thursday 29 Feb, weeks start on the epoch's Thursday) closes with grace past its end.
        Instant closesMondaysWindow = Instant.parse("2024-03-07T00:00:00Z").plus(WindowSettings.weekly().grace());
        FlowEvent early = watermark(closesMondaysWindow.minusMillis(1));
        batcher.process(new Record<>(FlowEventPartitioner.WATERMARK_KEY, early, NEXT_WEEK.toEpochMilli()));
        assertEquals(List.of(activity, early), values(), "a watermark that closes no window they are in leaves them held");

        FlowEvent closing = watermark(closesMondaysWindow);
        batcher.process(new Record<>(FlowEventPartitioner.WATERMARK_KEY, closing, NEXT_WEEK.toEpochMilli()));
        List<FlowEvent> sent = values();
        assertEquals(4, sent.size(), sent.toString());
        assertEquals("D-1", sent.get(2).getContribution().getDeclarationId(), "the closing window's contribution ahead of the watermark");
        assertEquals(closing, sent.get(3));

        context.resetForwards();
        commit.flushCache();
        assertEquals("D-7", values().get(0).getContribution().getDeclarationId(), "next week's, at the commit");
    }

    private static FlowEvent watermark(Instant streamTime) {
        return FlowEvent.newBuilder().setWatermark(Watermark.newBuilder().setSourcePartition(0).setStreamTime(streamTime).build()).build();
    }

    @Test
    void shouldDropWhatItHoldsWhenKafkaStreamsAbandonsTheTasksUncommittedWork() {
        ContributionBatcher batcher = start(ContributionFormat.SUMMED);
        batcher.process(event("CN|RU|854231", contribution("D-1", "Kraft", "50.00", MONDAY, false)));
        commit.clearCache();
        commit.flushCache();
        assertTrue(context.forwarded().isEmpty(), "its input is processed again: sent now, it would count twice");
    }

    @Test
    void shouldSendEachContributionAsItComesForAReleaseThatReadsNoSums() {
        ContributionBatcher batcher = start(ContributionFormat.ONE_BY_ONE);
        FlowContribution first = contribution("D-1", "Kraft", "50.00", MONDAY, false);
        FlowContribution second = contribution("D-2", "Kraft", "20.00", MONDAY, false);
        batcher.process(event("CN|RU|854231", first));
        batcher.process(event("CN|RU|854231", second));
        assertEquals(List.of(first, second), values().stream().map(FlowEvent::getContribution).toList());
        assertTrue(values().stream().allMatch(e -> e.getContributions() == null));
    }

    private List<FlowEvent> values() {
        List<FlowEvent> values = new ArrayList<>();
        context.forwarded().forEach(forward -> values.add(forward.record().value()));
        return values;
    }

    private static Record<String, FlowEvent> event(String flow, FlowContribution c) {
        return new Record<>(flow, FlowEvent.newBuilder().setContribution(c).build(), c.getLodgedAt().toEpochMilli());
    }

    private static FlowContribution contribution(String id, String exporter, String value, Instant lodged, boolean controlled) {
        return FlowContribution.newBuilder().setDeclarationId(id).setLodgedAt(lodged).setExporter(exporter).setValueUsd(new BigDecimal(value))
                .setNetMassKg(new BigDecimal("1.500")).setItemCount(1).setControlled(controlled)
                .setLists(controlled ? new ArrayList<>(List.of(CHPL)) : new ArrayList<>()).setGoodsDescription("goods of " + id).build();
    }
}
