package org.customssentinel.streams.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.customssentinel.avro.Alert;
import org.customssentinel.avro.AlertRule;
import org.customssentinel.avro.AlertStatus;
import org.customssentinel.avro.ClassificationBasis;
import org.customssentinel.avro.Declaration;
import org.customssentinel.avro.DeclarationRisk;
import org.customssentinel.avro.DeclarationType;
import org.customssentinel.avro.FlowWindow;
import org.customssentinel.avro.GoodsItem;
import org.customssentinel.avro.HsClassification;
import org.customssentinel.avro.ListReference;
import org.customssentinel.avro.Party;
import org.customssentinel.avro.RejectedRecord;
import org.customssentinel.avro.RiskIndicator;
import org.customssentinel.avro.RiskLane;
import org.customssentinel.avro.Severity;
import org.customssentinel.avro.WatchlistEntry;
import org.customssentinel.avro.internal.FlowContribution;
import org.customssentinel.avro.internal.FlowEvent;
import org.customssentinel.avro.internal.Watermark;
import org.customssentinel.schemas.topic.TopicNames;
import org.customssentinel.streams.detect.ReferencePeriod;
import org.customssentinel.streams.detect.RuleProperties;
import org.customssentinel.streams.detect.RuleSettings;
import org.customssentinel.streams.detect.SurgeRule;
import org.customssentinel.streams.enrich.ClassificationMode;
import org.customssentinel.streams.flow.FlowDimensions;
import org.customssentinel.streams.flow.FlowKeys;
import org.customssentinel.streams.flow.WindowSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Flows, rules and alerts with explicit event times. Windows are 7 days aligned to the epoch (they start on
 * Thursdays); week k below starts {@code WEEK0 + k * 7 days}. Grace is one day; N = 6, M = 13.
 */
class DetectionTopologyTest {

    private static final Instant WEEK0 = Instant.parse("2022-01-06T00:00:00Z");
    private static final Duration WEEK = Duration.ofDays(7);

    private final TopologyFixture fixture = new TopologyFixture();
    private final AtomicInteger ids = new AtomicInteger();
    private TestOutputTopic<String, Alert> alerts;
    private TestOutputTopic<String, FlowWindow> windows;
    private TestOutputTopic<String, RejectedRecord> rejected;

    private static Instant week(int k) {
        return WEEK0.plus(WEEK.multipliedBy(k));
    }

    private void start(RuleSettings rules) {
        start(rules, FlowDimensions.standard());
    }

    private void start(RuleSettings rules, FlowDimensions dimensions) {
        start(rules, dimensions, 1);
    }

    private void start(RuleSettings rules, FlowDimensions dimensions, int inputPartitions) {
        start(rules, dimensions, inputPartitions, TopologyJob.FULL);
    }

    private void start(RuleSettings rules, FlowDimensions dimensions, int inputPartitions, TopologyJob job) {
        fixture.start(new TopologySettings(TopologySettings.Topics.defaults("detection-test"), ClassificationMode.LATEST,
                WindowSettings.weekly(), dimensions, rules, inputPartitions, fixture.serdeConfigs()).withJob(job));
        fixture.hsClassifications().pipeInput("CHPL:2024-02-23:854231", HsClassification.newBuilder().setPrefix("854231").setListId("CHPL")
                .setCategory("Tier 1").setDescription("Electronic integrated circuits: processors and controllers").setLegalBasis("CHPL")
                .setListVersion("2024-02-23").setValidFrom(LocalDate.of(2024, 2, 23)).setBasis(ClassificationBasis.LISTED).build());
        fixture.watchlist().pipeInput("SAMPLE:vostok", WatchlistEntry.newBuilder().setEntryId("vostok").setName("OOO Tekhnopark Vostok")
                .setListId("SAMPLE").setProgram("RUSSIA-EO14024").setListVersion("1").build());
        alerts = fixture.output(TopicNames.ALERTS);
        windows = fixture.output(TopicNames.FLOWS_WINDOWED);
        rejected = fixture.output(TopicNames.REJECTED);
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    /** One declaration of {@code usd} of goods {@code hs} from {@code dispatch} to RU at {@code at}. */
    private void declare(String dispatch, String hs, String usd, Instant at, String exporter, String importer) {
        declare(String.format("D%05d", ids.incrementAndGet()), dispatch, hs, usd, at, exporter, importer);
    }

    private void declare(String id, String dispatch, String hs, String usd, Instant at, String exporter, String importer) {
        declare(id, dispatch, dispatch, "RU", hs, usd, at, exporter, importer);
    }

    /** Goods made in {@code origin}, dispatched from {@code dispatch} to {@code destination}. */
    private void declareRoute(String origin, String dispatch, String destination, String hs, String usd, Instant at) {
        declare(String.format("D%05d", ids.incrementAndGet()), origin, dispatch, destination, hs, usd, at, "Samarkand Chip Trade LLC",
                "OOO Elektronnye Komponenty");
    }

    private void declare(String id, String origin, String dispatch, String destination, String hs, String usd, Instant at, String exporter,
                         String importer) {
        Declaration d = Declaration.newBuilder().setDeclarationId(id)
                .setDeclarationType(DeclarationType.IMPORT).setLodgedAt(at)
                .setDeclarant(Party.newBuilder().setName("Broker").build())
                .setExporter(Party.newBuilder().setName(exporter).build()).setImporter(Party.newBuilder().setName(importer).build())
                .setCountryOfOrigin(origin).setCountryOfDispatch(dispatch).setCountryOfDestination(destination)
                .setItems(List.of(GoodsItem.newBuilder().setItemNumber(1).setHsCode(hs).setDescription("goods")
                        .setQuantity(new BigDecimal("1.000")).setUnit("pcs").setNetMassKg(new BigDecimal("1.000"))
                        .setValueUsd(new BigDecimal(usd)).build()))
                .build();
        fixture.declare(d, at);
    }

    private void declare(String dispatch, String hs, String usd, Instant at) {
        declare(dispatch, hs, usd, at, "Shenzhen Huaxin Electronics", "OOO Elektronnye Komponenty");
    }

    /** Weekly processors from China, {@code usd} every week from week {@code from} to {@code to}, mid-week. */
    private void weekly(String usd, int from, int to) {
        for (int k = from; k <= to; k++) {
            declare("CN", "854231", usd, week(k).plus(Duration.ofDays(3)));
        }
    }

    /** Moves stream time on with unrelated, uncontrolled trade, closing every window that ends a day before. */
    private void advanceTo(Instant time) {
        declare("DE", "940360", "10.00", time);
    }

    private List<Alert> alerts(AlertRule rule) {
        return alerts.readValuesToList().stream().filter(a -> a.getRule() == rule).toList();
    }

    @Test
    void shouldRaiseSpikeWhenWindowReachesTenTimesBaseline() {
        start(RuleSettings.defaults());
        weekly("100000.00", 0, 6);
        declare("CN", "854231", "600000.00", week(7).plus(Duration.ofDays(1)));
        assertTrue(alerts(AlertRule.SPIKE).isEmpty(), "6x is no spike yet");
        declare("CN", "854231", "600000.00", week(7).plus(Duration.ofDays(2)));
        advanceTo(week(8).plus(Duration.ofDays(1)).plusSeconds(1));

        List<Alert> spikes = alerts(AlertRule.SPIKE);
        assertEquals(List.of(AlertStatus.PROVISIONAL, AlertStatus.FINAL), spikes.stream().map(Alert::getStatus).toList());
        assertEquals(spikes.get(0).getAlertId(), spikes.get(1).getAlertId(), "one alert id per rule, flow and window");
        Alert last = spikes.get(1);
        assertEquals(new BigDecimal("1200000.00"), last.getCurrentValueUsd());
        assertEquals(new BigDecimal("100000.00"), last.getBaselineValueUsd());
        assertEquals(12.0, last.getRatio(), 1e-9);
        assertEquals(week(7), last.getWindowStart());
        assertEquals(6, last.getPreviousWindowTotals().size());
        assertEquals(Severity.HIGH, last.getSeverity());
        assertEquals("CN→RU 854231 processors and controllers (CHPL Tier 1): $1.20M in week of 2022-02-24, 12.0× the 6-week median $100k",
                last.getSummary());
        assertEquals("Shenzhen Huaxin Electronics", last.getTopParties().get(0).getName());
    }

    @Test
    void shouldJudgeWindowsClosingAfterARuleChangeByTheNewSettingAndRecordIt() {
        start(RuleSettings.defaults());
        weekly("100000.00", 0, 6);
        declare("CN", "854231", "300000.00", week(7).plus(Duration.ofDays(1)));
        advanceTo(week(8).plus(Duration.ofDays(1)).plusSeconds(1));
        assertTrue(alerts(AlertRule.SPIKE).isEmpty(), "3x is no spike at the default ratio 10");

        fixture.changeRule("rules.spike.ratio", "2.5");
        declare("CN", "854231", "300000.00", week(8).plus(Duration.ofDays(2)));
        advanceTo(week(9).plus(Duration.ofDays(1)).plusSeconds(1));

        List<Alert> spikes = alerts(AlertRule.SPIKE);
        assertEquals(List.of(AlertStatus.PROVISIONAL, AlertStatus.FINAL), spikes.stream().map(Alert::getStatus).toList());
        Alert fin = spikes.get(1);
        assertEquals(week(8), fin.getWindowStart(), "week 7 closed before the change and stays judged by ratio 10");
        assertEquals(1L, fin.getRulesVersion(), "the change at offset 0 of the rules topic made version 1");
        assertEquals("2.5", fin.getRulesApplied().get("spike.ratio"));
        assertEquals("100000", fin.getRulesApplied().get("floor.usd"));
        assertEquals("6", fin.getRulesApplied().get("baseline.windows"));
    }

    @Test
    void shouldGiveEveryCountedDeclarationALaneByTheWeightsInForce() {
        start(RuleSettings.defaults());
        TestOutputTopic<String, DeclarationRisk> risk = fixture.output(TopicNames.RISK);
        declare("D-1", "CN", "854231", "50000.00", week(0), "Shenzhen Huaxin Electronics", "OOO Tekhnopark Vostok");
        declare("D-2", "DE", "940360", "900.00", week(0).plusSeconds(60), "Moebelwerk Sued", "OOO Elektronnye Komponenty");
        fixture.changeRule("rules.risk.weight.tier-1", "75");
        declare("D-3", "CN", "854231", "50000.00", week(0).plusSeconds(120), "Shenzhen Huaxin Electronics", "OOO Elektronnye Komponenty");

        Map<String, DeclarationRisk> lanes = risk.readKeyValuesToMap();
        assertEquals(Set.of("D-1", "D-2", "D-3"), lanes.keySet(), "one record per declaration, keyed by its id");
        DeclarationRisk first = lanes.get("D-1");
        assertEquals(RiskLane.RED, first.getLane(), "CHPL Tier 1 (40) to a watch-listed importer (60)");
        assertEquals(List.of("watchlist", "list-tier"), first.getIndicators().stream().map(RiskIndicator::getName).toList());
        assertEquals(0L, first.getRulesVersion());
        assertEquals(RiskLane.GREEN, lanes.get("D-2").getLane());
        assertEquals(0, lanes.get("D-2").getScore());
        assertEquals(75, lanes.get("D-3").getScore(), "scored after the change to rules.risk.weight.tier-1");
        assertEquals(RiskLane.RED, lanes.get("D-3").getLane());
        assertEquals(1L, lanes.get("D-3").getRulesVersion());
    }

    @Test
    void shouldKeepTheSettingsInForceWhenARuleChangeIsMalformed() {
        start(RuleSettings.defaults());
        fixture.rulesTopic().pipeInput("rules.spike.ratio", new byte[] {0, 0, 0, 0, 42, 1, 2});
        fixture.changeRule("rules.spike.ratio", "ten");
        fixture.changeRule("rules.spike.ration", "2");
        fixture.changeRule("rules.spike.ratio", "0.5");
        weekly("100000.00", 0, 6);
        declare("CN", "854231", "300000.00", week(7).plus(Duration.ofDays(1)));
        declare("CN", "854231", "1000000.00", week(8).plus(Duration.ofDays(1)));
        advanceTo(week(9).plus(Duration.ofDays(1)).plusSeconds(1));

        List<Alert> finals = alerts(AlertRule.SPIKE).stream().filter(a -> a.getStatus() == AlertStatus.FINAL).toList();
        assertEquals(List.of(week(8)), finals.stream().map(Alert::getWindowStart).toList(), "still ratio 10: 3x no spike, 10x one");
        assertEquals(0L, finals.get(0).getRulesVersion(), "no change was applied");
        assertEquals("10", finals.get(0).getRulesApplied().get("spike.ratio"));

        fixture.changeRule("rules.spike.ratio", "2");
        declare("CN", "854231", "3000000.00", week(9).plus(Duration.ofDays(1)));
        advanceTo(week(10).plus(Duration.ofDays(1)).plusSeconds(1));
        Alert next = alerts(AlertRule.SPIKE).stream().filter(a -> a.getStatus() == AlertStatus.FINAL).findFirst().orElseThrow();
        assertEquals(5L, next.getRulesVersion(), "versions number the topic's records, refused ones included");
        assertEquals("2", next.getRulesApplied().get("spike.ratio"));
    }

    @Test
    void shouldSampleTheSmallestDeclarationIdsWhateverTheirOrderOfArrival() {
        start(RuleSettings.defaults());
        List<Integer> arrival = List.of(9, 3, 12, 1, 7, 11, 5, 2, 10, 8, 4, 6, 3);
        for (int n : arrival) {
            declare(String.format("S%05d", n), "CN", "854231", "1000.00", week(0).plus(Duration.ofHours(n)), "Shenzhen Huaxin Electronics",
                    "OOO Elektronnye Komponenty");
        }
        advanceTo(week(1).plus(Duration.ofDays(1)).plusSeconds(1));

        FlowWindow closed = windows.readValuesToList().stream()
                .filter(w -> w.getClosed() && w.getFlow().getHsCode().equals("854231")).findFirst().orElseThrow();
        assertEquals(List.of("S00001", "S00002", "S00003", "S00004", "S00005", "S00006", "S00007", "S00008", "S00009", "S00010"),
                closed.getSampleDeclarationIds());
        assertEquals(12, closed.getDeclarationCount(), "S00003 sent again with the same content is counted once");
    }

    @Test
    void shouldJudgeAFlowByItsListTiersOwnRatio() {
        // 6x the baseline: under the default ratio 10, over a CHPL Tier 1 ratio of 5.
        for (String tier : List.of("tier-2", "tier-1")) {
            start(RuleProperties.apply(RuleSettings.defaults(), Map.of("rules.list.chpl." + tier + ".spike.ratio", "5")));
            weekly("100000.00", 0, 6);
            declare("CN", "854231", "600000.00", week(7).plus(Duration.ofDays(1)));
            advanceTo(week(8).plus(Duration.ofDays(1)).plusSeconds(1));
            List<Alert> spikes = alerts(AlertRule.SPIKE);
            if (tier.equals("tier-2")) {
                assertTrue(spikes.isEmpty(), "another tier's ratio does not apply to Tier 1 goods: " + spikes);
            } else {
                assertEquals(List.of(AlertStatus.PROVISIONAL, AlertStatus.FINAL), spikes.stream().map(Alert::getStatus).toList());
                assertEquals(6.0, spikes.get(1).getRatio(), 1e-9);
            }
        }
    }

    @Test
    void shouldSplitFlowsByTheConfiguredDimensions() {
        start(RuleSettings.defaults(), FlowDimensions.parse("dispatch, hs4"));
        declare("CN", "854231", "1000.00", week(0).plus(Duration.ofDays(1)));
        declare("CN", "85423900", "2500.00", week(0).plus(Duration.ofDays(2)));
        declare("HK", "854231", "700.00", week(0).plus(Duration.ofDays(2)));
        assertTrue(windows.isEmpty(), "running figures go out on the emit interval, not per declaration");
        fixture.advanceWallClockTime(Duration.ofSeconds(1));
        Map<String, FlowWindow> latest = windows.readKeyValuesToMap();
        assertEquals(Set.of("CN|*|8542|2022-01-06T00:00:00Z", "HK|*|8542|2022-01-06T00:00:00Z"), latest.keySet());
        FlowWindow cn = latest.get("CN|*|8542|2022-01-06T00:00:00Z");
        assertEquals(new BigDecimal("3500.00"), cn.getTotalValueUsd(), "both HS-6 codes under heading 8542 add up");
        assertEquals(2, cn.getDeclarationCount());
        assertEquals("*", cn.getFlow().getDestinationCountry());
    }

    @Test
    void shouldStayQuietBelowTheFloorOrTheRatio() {
        start(RuleSettings.defaults());
        for (int k = 0; k <= 6; k++) {
            declare("CN", "854231", "5000.00", week(k).plus(Duration.ofDays(3)));
            declare("AM", "854231", "100000.00", week(k).plus(Duration.ofDays(3)));
        }
        declare("CN", "854231", "60000.00", week(7).plus(Duration.ofDays(1)));
        declare("AM", "854231", "900000.00", week(7).plus(Duration.ofDays(1)));
        advanceTo(week(9));
        assertTrue(alerts.readValuesToList().isEmpty(), "12x under the $100k floor, and 9x above it, raise nothing");
    }

    @Test
    void shouldCountEmptyWindowsAsZeroAndCallAnUnprecedentedFlowNew() {
        start(RuleSettings.defaults());
        advanceTo(week(0));
        declare("CN", "854231", "500000.00", week(2).plus(Duration.ofDays(1)));
        declare("CN", "854231", "500000.00", week(5).plus(Duration.ofDays(1)));
        declare("AM", "854231", "300000.00", week(8).plus(Duration.ofDays(1)));
        declare("CN", "854231", "1000000.00", week(8).plus(Duration.ofDays(2)));
        declare("AM", "940360", "300000.00", week(8).plus(Duration.ofDays(2)));
        advanceTo(week(10));

        List<Alert> all = alerts.readValuesToList();
        List<String> finals = all.stream().filter(a -> a.getStatus() == AlertStatus.FINAL && a.getRule() == AlertRule.NEW_CONTROLLED_FLOW)
                .map(a -> a.getFlow().getDispatchCountry() + " " + a.getFlow().getHsCode()).sorted().toList();
        assertEquals(List.of("AM 854231", "CN 854231"), finals,
                "median of 0,0,500k,0,0,500k is 0: both are new; the uncontrolled furniture is not");
        assertTrue(all.stream().noneMatch(a -> a.getRule() == AlertRule.SPIKE));
    }

    /**
     * The bench compares the Flink peer with this job: it must judge SPIKE and NEW_CONTROLLED_FLOW exactly as the full
     * pipeline does, or the comparison would flatter one side.
     */
    @Test
    void shouldRaiseThePeersTwoRulesInThePeerJobAsTheFullPipelineDoesAndWriteNothingElse() {
        start(RuleSettings.defaults());
        peerScenario();
        List<Alert> full = alerts.readValuesToList();
        assertTrue(fixture.output(TopicNames.ENRICHED).getQueueSize() > 0 && windows.getQueueSize() > 0, "the full pipeline writes them");
        Set<AlertRule> fullRules = full.stream().map(Alert::getRule).collect(Collectors.toSet());
        assertTrue(fullRules.containsAll(Set.of(AlertRule.SPIKE, AlertRule.NEW_CONTROLLED_FLOW, AlertRule.WATCHLIST_HIT)),
                "the scenario raises the peer's rules and one it does not judge: " + fullRules);

        ids.set(0);
        start(RuleSettings.defaults(), FlowDimensions.standard(), 1, TopologyJob.PEER);
        peerScenario();
        List<Alert> peer = alerts.readValuesToList();
        assertEquals(full.stream().filter(a -> a.getRule() == AlertRule.SPIKE || a.getRule() == AlertRule.NEW_CONTROLLED_FLOW).toList(), peer,
                "the same alerts, ids and figures, PROVISIONAL and FINAL");
        assertTrue(fixture.output(TopicNames.ENRICHED).isEmpty(), "no enriched declarations");
        assertTrue(fixture.output(TopicNames.RISK).isEmpty(), "no risk lanes");
        assertTrue(windows.isEmpty(), "no windows for dashboards");
    }

    /** A spike on CN->RU chips, a new flow of them from Armenia, and a watch-listed importer. */
    private void peerScenario() {
        weekly("100000.00", 0, 6);
        declare("CN", "854231", "600000.00", week(7).plus(Duration.ofDays(1)));
        declare("CN", "854231", "600000.00", week(7).plus(Duration.ofDays(2)));
        declare("AM", "854231", "300000.00", week(8).plus(Duration.ofDays(1)));
        declare("DE", "940360", "20000.00", week(8).plus(Duration.ofDays(2)), "Moebel GmbH", "OOO Tekhnopark Vostok");
        advanceTo(week(10));
    }

    @Test
    void shouldRaiseNothingDuringWarmUp() {
        start(RuleSettings.defaults());
        weekly("100000.00", 0, 1);
        declare("CN", "854231", "5000000.00", week(2).plus(Duration.ofDays(1)));
        declare("AM", "854231", "5000000.00", week(5).plus(Duration.ofDays(1)));
        advanceTo(week(7));
        assertTrue(alerts.readValuesToList().isEmpty(), "windows starting within 6 weeks of the first record raise nothing");
    }

    @Test
    void shouldCountTheWarmUpFromTheFirstDeclarationOnAnyInputPartitionNotThisFlowPartitions() {
        // A flow partition that only this flow hashes to: it sees watermarks from the three input partitions from
        // week 0 on, and its first contribution in week 12.
        start(RuleSettings.defaults(), FlowDimensions.standard(), 3);
        Instant firstDeclaration = week(0).plus(Duration.ofDays(1));
        for (int k = 0; k <= 14; k++) {
            for (int partition = 0; partition < 3; partition++) {
                watermark(partition, week(k).plus(Duration.ofDays(2)), firstDeclaration);
            }
            if (k == 12) {
                newArmenianChipsFlow(week(12).plus(Duration.ofDays(3)));
            }
        }
        List<Alert> finals = alerts(AlertRule.NEW_CONTROLLED_FLOW).stream().filter(a -> a.getStatus() == AlertStatus.FINAL).toList();
        assertEquals(1, finals.size(), "12 weeks after the application's first declaration, a new controlled flow is past the warm-up");
        assertEquals(week(12), finals.get(0).getWindowStart());
    }

    @Test
    void shouldTakeTheEarliestFirstDeclarationOverEveryInputPartition() {
        start(RuleSettings.defaults(), FlowDimensions.standard(), 3);
        for (int k = 10; k <= 14; k++) {
            for (int partition = 0; partition < 3; partition++) {
                // Partition 2 began in week 10; the others long before.
                watermark(partition, week(k).plus(Duration.ofDays(2)), partition == 2 ? week(10) : week(0));
            }
            if (k == 12) {
                newArmenianChipsFlow(week(12).plus(Duration.ofDays(3)));
            }
        }
        assertEquals(1, alerts(AlertRule.NEW_CONTROLLED_FLOW).stream().filter(a -> a.getStatus() == AlertStatus.FINAL).count(),
                "the earliest partition's first declaration counts, not the latest partition's");
    }

    /** $3M of CHPL Tier 1 chips from Armenia, the first contribution its flow partition sees. */
    private void newArmenianChipsFlow(Instant at) {
        fixture.flowEvents().pipeInput("AM|RU|854231", FlowEvent.newBuilder().setContribution(FlowContribution.newBuilder()
                .setDeclarationId("D-AM-1").setLodgedAt(at).setExporter("Yerevan Trade LLC")
                .setValueUsd(new BigDecimal("3000000.00")).setNetMassKg(new BigDecimal("12.000")).setItemCount(1).setControlled(true)
                .setLists(List.of(ListReference.newBuilder().setListId("CHPL").setCategory("Tier 1").setListVersion("2024-02-23").build()))
                .setGoodsDescription("Electronic integrated circuits").build()).build(), at);
    }

    /** What an input partition's fan-out tells every flow partition. */
    private void watermark(int partition, Instant streamTime, Instant firstSeen) {
        fixture.flowEvents().pipeInput(FlowEventPartitioner.WATERMARK_KEY, FlowEvent.newBuilder().setWatermark(Watermark.newBuilder()
                .setSourcePartition(partition).setStreamTime(streamTime).setFirstSeen(firstSeen).build()).build(), streamTime);
    }

    @Test
    void shouldRaiseSurgeAgainstTheSameWeeksAYearEarlier() {
        start(RuleSettings.defaults());
        weekly("100000.00", 0, 12);
        weekly("1100000.00", 52, 66);
        advanceTo(week(68));
        List<Alert> surges = alerts(AlertRule.SURGE);
        assertEquals(2, surges.size(), "at most one per 13 windows: " + surges.stream().map(Alert::getSummary).toList());
        Alert first = surges.get(0);
        assertEquals(AlertStatus.FINAL, first.getStatus());
        assertEquals(week(53), first.getWindowEnd());
        assertEquals(new BigDecimal("1100000.00"), first.getCurrentValueUsd());
        assertEquals(new BigDecimal("100000.00"), first.getBaselineValueUsd());
        assertEquals(week(66), surges.get(1).getWindowEnd(), "13 windows after the first");
        assertEquals(new BigDecimal("14300000.00"), surges.get(1).getCurrentValueUsd());
        assertEquals(new BigDecimal("1200000.00"), surges.get(1).getBaselineValueUsd());
        assertTrue(surges.get(1).getSummary().contains("in the 13 weeks to 2023-04-13, 11.9× the same weeks a year earlier ($1.20M)"),
                surges.get(1).getSummary());
    }

    @Test
    void shouldRaiseSurgeAgainstAReferencePeriod() {
        start(RuleSettings.defaults().with(SurgeRule.REFERENCE, Optional.of(new ReferencePeriod(week(0), week(10)))));
        weekly("100000.00", 0, 9);
        weekly("1100000.00", 10, 22);
        advanceTo(week(24));
        List<Alert> surges = alerts(AlertRule.SURGE);
        assertEquals(1, surges.size());
        Alert surge = surges.get(0);
        assertEquals(week(22), surge.getWindowEnd(), "13 weeks to week 21: 100k + 12 x 1.1M = 13.3M, 10.2x of 13 x 100k");
        assertEquals(new BigDecimal("13300000.00"), surge.getCurrentValueUsd());
        assertEquals(new BigDecimal("1300000.00"), surge.getBaselineValueUsd());
        assertTrue(surge.getSummary().contains("the 2022-01-06/2022-03-17 average"), surge.getSummary());
    }

    @Test
    void shouldUpdateAWindowWithinGraceAndRejectLaterRecordsAsLate() {
        start(RuleSettings.defaults());
        declare("CN", "854231", "1000.00", week(0).plus(Duration.ofDays(1)));
        declare("CN", "854231", "1000.00", week(1).plus(Duration.ofHours(12)));
        declare("CN", "854231", "500.00", week(0).plus(Duration.ofDays(6)));
        declare("CN", "854231", "1000.00", week(1).plus(Duration.ofDays(1)).plusSeconds(1));
        declare("CN", "854231", "700.00", week(0).plus(Duration.ofDays(2)));

        RejectedRecord late = rejected.readValue();
        assertEquals("LATE", late.getReasons().get(0).getCode());
        assertEquals("D00005", late.getRawText());
        assertTrue(rejected.isEmpty());
        FlowWindow week0 = windows.readValuesToList().stream().filter(w -> w.getWindowStart().equals(week(0)) && w.getClosed())
                .findFirst().orElseThrow();
        assertEquals(new BigDecimal("1500.00"), week0.getTotalValueUsd(), "the record within grace counted, the late one not");
        assertEquals(2, week0.getDeclarationCount());
    }

    @Test
    void shouldEmitEachFinalAlertOnce() {
        start(RuleSettings.defaults());
        weekly("100000.00", 0, 6);
        declare("CN", "854231", "1500000.00", week(7).plus(Duration.ofDays(1)));
        advanceTo(week(9));
        advanceTo(week(12));
        advanceTo(week(20));
        assertEquals(1, alerts(AlertRule.SPIKE).stream().filter(a -> a.getStatus() == AlertStatus.FINAL).count());
    }

    @Test
    void shouldRaiseAWatchlistHitPerDeclarationAndEntry() {
        start(RuleSettings.defaults());
        declare("CN", "854231", "412500.00", week(0), "Shenzhen Huaxin Electronics", "Tekhnopark Vostok LLC");
        List<Alert> hits = alerts(AlertRule.WATCHLIST_HIT);
        assertEquals(1, hits.size());
        assertEquals(Severity.CRITICAL, hits.get(0).getSeverity(), "a watch-listed party buying listed goods");
        assertEquals("Importer \"Tekhnopark Vostok LLC\" matches SAMPLE entry \"OOO Tekhnopark Vostok\" (RUSSIA-EO14024) on declaration"
                + " D00001: CN→RU 854231 processors and controllers (CHPL Tier 1), $413k", hits.get(0).getSummary());
    }

    @Test
    void shouldRaiseTransshipmentOncePerRouteAndRepeatInterval() {
        start(RuleSettings.defaults());
        advanceTo(week(0));
        declareRoute("DE", "KG", "RU", "854231", "30000.00", week(7).plus(Duration.ofDays(1)));
        declareRoute("DE", "KG", "RU", "854231", "30000.00", week(8).plus(Duration.ofDays(1)));
        assertTrue(alerts(AlertRule.TRANSSHIPMENT).isEmpty(), "$30k a week is under the $50k floor");
        declareRoute("DE", "KG", "RU", "854231", "25000.00", week(8).plus(Duration.ofDays(2)));
        List<Alert> crossed = alerts(AlertRule.TRANSSHIPMENT);
        assertEquals(List.of(AlertStatus.PROVISIONAL), crossed.stream().map(Alert::getStatus).toList(), "PROVISIONAL when crossed");
        declareRoute("DE", "KG", "RU", "854231", "400000.00", week(9).plus(Duration.ofDays(1)));
        declareRoute("DE", "KG", "RU", "854231", "60000.00", week(20).plus(Duration.ofDays(1)));
        declareRoute("DE", "KG", "RU", "854231", "60000.00", week(21).plus(Duration.ofDays(1)));
        advanceTo(week(23));

        List<Alert> finals = alerts.readValuesToList().stream()
                .filter(a -> a.getRule() == AlertRule.TRANSSHIPMENT && a.getStatus() == AlertStatus.FINAL).toList();
        assertEquals(List.of(week(8), week(21)), finals.stream().map(Alert::getWindowStart).toList(),
                "weeks 9 and 20 fall within 13 windows of week 8; week 21 is the 13th after it");
        Alert first = finals.get(0);
        assertEquals(crossed.get(0).getAlertId(), first.getAlertId(), "a window's PROVISIONAL and FINAL are one alert");
        assertEquals("KG|RU|854231|DE", FlowKeys.key(first.getFlow()));
        assertEquals("DE", first.getFlow().getOriginCountry());
        assertEquals(new BigDecimal("55000.00"), first.getCurrentValueUsd());
        assertEquals(Severity.HIGH, first.getSeverity());
        assertEquals("DE-made 854231 processors and controllers (CHPL Tier 1) via KG to RU: $55k in week of 2022-03-03 (floor $50k),"
                + " 2 declarations; exporters Samarkand Chip Trade LLC $55k", first.getSummary());
        assertEquals(List.of("D00003", "D00004"), first.getSampleDeclarationIds());
        assertTrue(windows.readKeyValuesToList().stream().noneMatch(w -> w.value.getFlow().getOriginCountry() != null),
                "customs.flows.windowed carries trade flows only");
    }

    @Test
    void shouldLeaveRoutesAloneThatAreNotTransshipment() {
        start(RuleSettings.defaults());
        advanceTo(week(0));
        Instant at = week(8).plus(Duration.ofDays(1));
        declareRoute("CN", "KG", "RU", "854231", "500000.00", at);
        declareRoute("DE", "PL", "RU", "854231", "500000.00", at);
        declareRoute("DE", "KG", "KZ", "854231", "500000.00", at);
        declareRoute("DE", "KG", "RU", "940360", "500000.00", at);
        declareRoute("DE", "RU", "RU", "854231", "500000.00", at);
        advanceTo(week(10));
        assertTrue(alerts(AlertRule.TRANSSHIPMENT).isEmpty(),
                "made outside the coalition, dispatched from inside it, to an unrestricted destination, uncontrolled goods, from the destination");
    }

    @Test
    void shouldTakeTheTransshipmentSettingsFromRulesKeys() {
        start(RuleProperties.apply(RuleSettings.defaults(), Map.of("rules.transshipment.floor.usd", "1000000",
                "rules.restricted-destinations", "KZ")));
        advanceTo(week(0));
        declareRoute("DE", "KG", "RU", "854231", "500000.00", week(8).plus(Duration.ofDays(1)));
        declareRoute("DE", "KG", "KZ", "854231", "1000000.00", week(8).plus(Duration.ofDays(1)));
        advanceTo(week(10));
        assertEquals(List.of("KG|KZ|854231|DE"), alerts(AlertRule.TRANSSHIPMENT).stream().filter(a -> a.getStatus() == AlertStatus.FINAL)
                .map(a -> FlowKeys.key(a.getFlow())).toList());
    }

    @Test
    void shouldNameEveryProcessorStoreAndTopic() {
        Topology topology = SentinelTopology.build(new TopologySettings(TopologySettings.Topics.defaults("x"), ClassificationMode.LATEST,
                WindowSettings.weekly(), RuleSettings.defaults(), 1, fixture.serdeConfigs()));
        String description = topology.describe().toString();
        assertFalse(description.contains("KSTREAM-") || description.contains("KTABLE-") || description.contains("-repartition"),
                "generated names would change with the topology and lose state on upgrade:\n" + description);
    }
}
