package org.customssentinel.streams.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.streams.TestOutputTopic;
import org.customssentinel.avro.Alert;
import org.customssentinel.avro.AlertRule;
import org.customssentinel.avro.AlertStatus;
import org.customssentinel.avro.ClassificationBasis;
import org.customssentinel.avro.Declaration;
import org.customssentinel.avro.DeclarationType;
import org.customssentinel.avro.GoodsItem;
import org.customssentinel.avro.HsClassification;
import org.customssentinel.avro.Party;
import org.customssentinel.avro.ListReference;
import org.customssentinel.avro.Severity;
import org.customssentinel.avro.internal.FlowEvent;
import org.customssentinel.avro.internal.TierValue;
import org.customssentinel.avro.internal.TraderActivity;
import org.customssentinel.avro.internal.Watermark;
import org.customssentinel.schemas.topic.TopicNames;
import org.customssentinel.streams.detect.AlertIds;
import org.customssentinel.streams.detect.RuleProperties;
import org.customssentinel.streams.detect.RuleSettings;
import org.customssentinel.streams.enrich.ClassificationMode;
import org.customssentinel.streams.flow.FlowDimensions;
import org.customssentinel.streams.flow.FlowKeys;
import org.customssentinel.streams.flow.WindowSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * NEW_TRADER with explicit event times: weekly windows from {@link #WEEK0} (a Thursday), grace one day, an exporter's
 * first period 13 windows (P90D), the app's warm-up one period from its first declaration.
 */
class NewTraderTopologyTest {

    private static final Instant WEEK0 = Instant.parse("2022-01-06T00:00:00Z");

    private final TopologyFixture fixture = new TopologyFixture();
    private final AtomicInteger ids = new AtomicInteger();
    private TestOutputTopic<String, Alert> alerts;

    private static Instant week(int k) {
        return WEEK0.plus(Duration.ofDays(7L * k));
    }

    private void start(RuleSettings rules, int inputPartitions) {
        fixture.start(new TopologySettings(TopologySettings.Topics.defaults("trader-test"), ClassificationMode.LATEST,
                WindowSettings.weekly(), FlowDimensions.standard(), rules, inputPartitions, fixture.serdeConfigs()));
        fixture.hsClassifications().pipeInput("CHPL:2024-02-23:854231", HsClassification.newBuilder().setPrefix("854231").setListId("CHPL")
                .setCategory("Tier 1").setDescription("Electronic integrated circuits: processors and controllers").setLegalBasis("CHPL")
                .setListVersion("2024-02-23").setValidFrom(LocalDate.of(2024, 2, 23)).setBasis(ClassificationBasis.LISTED).build());
        fixture.hsClassifications().pipeInput("CHPL:2024-02-23:851762", HsClassification.newBuilder().setPrefix("851762").setListId("CHPL")
                .setCategory("Tier 2").setDescription("Machines for the transmission of data").setLegalBasis("CHPL")
                .setListVersion("2024-02-23").setValidFrom(LocalDate.of(2024, 2, 23)).setBasis(ClassificationBasis.LISTED).build());
        alerts = fixture.output(TopicNames.ALERTS);
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    private void declare(String exporter, String identifier, String destination, String hs, String usd, Instant at) {
        Declaration d = Declaration.newBuilder().setDeclarationId(String.format("D%05d", ids.incrementAndGet()))
                .setDeclarationType(DeclarationType.IMPORT).setLodgedAt(at)
                .setDeclarant(Party.newBuilder().setName("Broker").build())
                .setExporter(Party.newBuilder().setName(exporter).setIdentifier(identifier).build())
                .setImporter(Party.newBuilder().setName("OOO Elektronnye Komponenty").build())
                .setCountryOfOrigin("KZ").setCountryOfDispatch("KZ").setCountryOfDestination(destination)
                .setItems(List.of(GoodsItem.newBuilder().setItemNumber(1).setHsCode(hs).setDescription("goods")
                        .setQuantity(new BigDecimal("1.000")).setUnit("pcs").setNetMassKg(new BigDecimal("1.000"))
                        .setValueUsd(new BigDecimal(usd)).build()))
                .build();
        fixture.declare(d, at);
    }

    /** Stream time moves on with an old hand's furniture, closing what ends a day before. */
    private void advanceTo(Instant time) {
        declare("Almaty Furniture LLP", "KZ0000000001", "DE", "940360", "10.00", time);
    }

    private List<Alert> newTraders() {
        return alerts.readValuesToList().stream().filter(a -> a.getRule() == AlertRule.NEW_TRADER).toList();
    }

    @Test
    void shouldSendNoTraderActivityOnceAnExportersFirstPeriodHasPassed() {
        start(RuleSettings.defaults(), 1);
        TestOutputTopic<String, FlowEvent> events = fixture.output(TopologySettings.Topics.defaults("trader-test").flowEvents());
        for (int k = 0; k < 30; k++) {
            declare("Steppe Components Trading LLP", "KZ123456789012", "RU", "854231", "90000.00", week(k).plus(Duration.ofDays(2)));
        }
        List<Instant> sent = events.readValuesToList().stream().filter(e -> e.getTrader() != null)
                .filter(e -> e.getTrader().getExporterName().startsWith("Steppe")).map(e -> e.getTrader().getLodgedAt()).toList();
        assertEquals(13, sent.size(), "one a week for its 13-week first period, none after: " + sent);
        assertTrue(sent.stream().allMatch(at -> at.isBefore(week(13))), sent.toString());
    }

    @Test
    void shouldCallAnExporterNewWhenItShipsControlledGoodsOverTheFloorWithinItsFirstPeriod() {
        start(RuleSettings.defaults(), 1);
        advanceTo(week(0));
        declare("Steppe Nova Trading LLP", "KZ0000000042", "RU", "854231", "100000.00", week(14).plus(Duration.ofDays(1)));
        declare("Steppe Nova Trading LLP", "KZ0000000042", "RU", "854231", "100000.00", week(16).plus(Duration.ofDays(1)));
        assertTrue(newTraders().isEmpty(), "$200k is under the $250k floor");
        declare("Steppe Nova Trading LLP.", "KZ0000000042", "RU", "854231", "60000.00", week(20).plus(Duration.ofDays(1)));
        List<Alert> provisional = newTraders();
        assertEquals(List.of(AlertStatus.PROVISIONAL), provisional.stream().map(Alert::getStatus).toList(), "PROVISIONAL when crossed");
        declare("Steppe Nova Trading LLP", "KZ0000000042", "RU", "854231", "900000.00", week(27).plus(Duration.ofDays(1)));
        advanceTo(week(28));

        List<Alert> finals = newTraders().stream().filter(a -> a.getStatus() == AlertStatus.FINAL).toList();
        assertEquals(1, finals.size(), "once per exporter and tier; week 27 is past its 13 windows");
        Alert alert = finals.get(0);
        assertEquals(provisional.get(0).getAlertId(), alert.getAlertId());
        assertEquals(AlertIds.of("NEW_TRADER", "id:KZ0000000042", "CHPL:Tier 1"), alert.getAlertId());
        assertEquals(new BigDecimal("260000.00"), alert.getCurrentValueUsd());
        assertEquals(week(14), alert.getWindowStart());
        assertEquals(week(27), alert.getWindowEnd());
        assertEquals("KZ|RU|854231", FlowKeys.key(alert.getFlow()));
        assertEquals(Severity.HIGH, alert.getSeverity());
        assertEquals(List.of("D00002", "D00003", "D00004"), alert.getSampleDeclarationIds());
        assertEquals("New exporter Steppe Nova Trading LLP, first declaration 2022-04-15: $260k of CHPL Tier 1 goods to restricted"
                + " destinations within 91 days (floor $250k), 3 declarations, e.g. KZ→RU 854231 processors and controllers (CHPL Tier 1)",
                alert.getSummary());
    }

    @Test
    void shouldJudgeEachListTierOnItsOwn() {
        start(RuleSettings.defaults(), 1);
        advanceTo(week(0));
        declare("Steppe Nova Trading LLP", "KZ0000000042", "RU", "854231", "300000.00", week(14).plus(Duration.ofDays(1)));
        declare("Steppe Nova Trading LLP", "KZ0000000042", "RU", "851762", "200000.00", week(15).plus(Duration.ofDays(1)));
        declare("Steppe Nova Trading LLP", "KZ0000000042", "BY", "851762", "100000.00", week(16).plus(Duration.ofDays(1)));
        advanceTo(week(30));
        assertEquals(Map.of("Tier 1", new BigDecimal("300000.00"), "Tier 2", new BigDecimal("300000.00")),
                newTraders().stream().filter(a -> a.getStatus() == AlertStatus.FINAL).collect(java.util.stream.Collectors.toMap(
                        a -> a.getMatchedLists().get(0).getCategory(), Alert::getCurrentValueUsd)),
                "Tier 2 to Russia and Belarus together");
    }

    @Test
    void shouldLeaveAloneTheExportersOfTheWarmUpTheOldAndTheUnrestricted() {
        start(RuleSettings.defaults(), 1);
        advanceTo(week(0));
        declare("Early Bird LLP", "KZ0000000007", "RU", "854231", "1000000.00", week(5).plus(Duration.ofDays(1)));
        declare("Old Hand LLP", "KZ0000000008", "DE", "940360", "1000.00", week(14).plus(Duration.ofDays(1)));
        declare("Old Hand LLP", "KZ0000000008", "RU", "854231", "1000000.00", week(28).plus(Duration.ofDays(1)));
        declare("Kazakh Only LLP", "KZ0000000009", "KZ", "854231", "1000000.00", week(15).plus(Duration.ofDays(1)));
        declare("Furniture Start LLP", "KZ0000000010", "RU", "940360", "1000000.00", week(15).plus(Duration.ofDays(1)));
        advanceTo(week(45));
        assertEquals(List.of(), newTraders().stream().map(Alert::getSummary).toList(),
                "first seen in the warm-up; new only until its 13th window; to an unrestricted destination; uncontrolled goods");
    }

    @Test
    void shouldStartThePeriodAtTheEarliestDeclarationWhateverTheOrderOfArrival() {
        start(RuleSettings.defaults(), 2);
        // Straight onto one exporter partition, from two input partitions: the watermark is the slower one's.
        watermark(0, week(0));
        watermark(1, week(0));
        activity("D-1", week(14).plus(Duration.ofDays(1)), "10.00");
        activity("D-2", week(26).plus(Duration.ofDays(1)), "300000.00");
        assertEquals(List.of(), newTraders().stream().map(Alert::getStatus).toList(),
                "no PROVISIONAL yet: the watermark is still at week 0, and an earlier declaration may move the period");
        activity("D-3", week(13).plus(Duration.ofDays(6)), "10.00");
        watermark(0, week(30));
        watermark(1, week(30));
        assertEquals(List.of(), newTraders().stream().map(Alert::getSummary).toList(),
                "D-3 starts the period a window earlier: D-2's $300k in week 26 falls outside it");
    }

    private void activity(String declarationId, Instant at, String usd) {
        fixture.flowEvents().pipeInput("id:KZ0000000042", FlowEvent.newBuilder().setTrader(TraderActivity.newBuilder()
                .setExporterKey("id:KZ0000000042").setExporterName("Steppe Nova Trading LLP").setDeclarationId(declarationId).setLodgedAt(at)
                .setTiers(List.of(TierValue.newBuilder().setList(ListReference.newBuilder().setListId("CHPL").setCategory("Tier 1")
                        .setListVersion("2024-02-23").build()).setFlowKey("KZ|RU|854231").setGoodsDescription("processors")
                        .setValueUsd(new BigDecimal(usd)).build())).build()).build(), at);
    }

    private void watermark(int partition, Instant streamTime) {
        fixture.flowEvents().pipeInput(FlowEventPartitioner.WATERMARK_KEY, FlowEvent.newBuilder().setWatermark(Watermark.newBuilder()
                .setSourcePartition(partition).setStreamTime(streamTime).setFirstSeen(week(0)).build()).build(), streamTime);
    }

    @Test
    void shouldTakeItsSettingsFromRulesKeys() {
        start(RuleProperties.apply(RuleSettings.defaults(), Map.of("rules.new-trader.floor.usd", "50000", "rules.new-trader.age", "P28D")), 1);
        advanceTo(week(0));
        declare("Steppe Nova Trading LLP", "KZ0000000042", "RU", "854231", "60000.00", week(5).plus(Duration.ofDays(1)));
        advanceTo(week(12));
        List<Alert> finals = newTraders().stream().filter(a -> a.getStatus() == AlertStatus.FINAL).toList();
        assertEquals(1, finals.size(), "warm-up and period of four windows, floor $50k");
        assertEquals(week(9), finals.get(0).getWindowEnd());
    }
}
