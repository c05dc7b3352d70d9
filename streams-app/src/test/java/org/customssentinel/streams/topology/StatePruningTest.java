package org.customssentinel.streams.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.WindowStoreIterator;
import org.customssentinel.avro.ClassificationBasis;
import org.customssentinel.avro.Declaration;
import org.customssentinel.avro.DeclarationType;
import org.customssentinel.avro.GoodsItem;
import org.customssentinel.avro.HsClassification;
import org.customssentinel.avro.Party;
import org.customssentinel.avro.internal.FlowHistory;
import org.customssentinel.avro.internal.TraderLedger;
import org.customssentinel.avro.internal.WindowTotal;
import org.customssentinel.streams.detect.RuleSettings;
import org.customssentinel.streams.enrich.ClassificationMode;
import org.customssentinel.streams.flow.FlowDimensions;
import org.customssentinel.streams.flow.WindowSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the app keeps does not grow with the years it has run: closed windows leave the open-window store, a flow's
 * history and each rule's memory keep only what the rules read, an exporter's first period leaves its working state
 * when it closes, and declaration ids leave once past their retention. Three years of weekly declarations on one flow
 * and one exporter, with explicit event times (week k starts 2021-01-07 + k weeks).
 */
class StatePruningTest {

    private static final Instant WEEK0 = Instant.parse("2021-01-07T00:00:00Z");
    private static final Duration WEEK = Duration.ofDays(7);
    private static final String FLOW = "CN|RU|854231";
    private static final int WEEKS = 156;

    private final TopologyFixture fixture = new TopologyFixture();

    private static Instant week(int k) {
        return WEEK0.plus(WEEK.multipliedBy(k));
    }

    @BeforeEach
    void replayThreeYears() {
        fixture.start(new TopologySettings(TopologySettings.Topics.defaults("pruning-test"), ClassificationMode.LATEST,
                WindowSettings.weekly(), FlowDimensions.standard(), RuleSettings.defaults(), 1, fixture.serdeConfigs()));
        fixture.hsClassifications().pipeInput("CHPL:2024-02-23:854231", HsClassification.newBuilder().setPrefix("854231").setListId("CHPL")
                .setCategory("Tier 1").setDescription("Processors and controllers").setLegalBasis("CHPL").setListVersion("2024-02-23")
                .setValidFrom(LocalDate.of(2020, 1, 1)).setBasis(ClassificationBasis.LISTED).build());
        for (int k = 0; k < WEEKS; k++) {
            declare(String.format("D%05d", k), "CN", "854231", "300000.00", week(k).plus(Duration.ofDays(2)));
        }
        // Unrelated trade moves event time on far enough to close every window and period above.
        declare("LAST", "DE", "940360", "10.00", week(WEEKS + 20));
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    private void declare(String id, String dispatch, String hs, String usd, Instant at) {
        fixture.declare(Declaration.newBuilder().setDeclarationId(id).setDeclarationType(DeclarationType.IMPORT).setLodgedAt(at)
                .setDeclarant(Party.newBuilder().setName("Broker").build())
                .setExporter(Party.newBuilder().setName("Shenzhen Huaxin Electronics").setIdentifier("CN91440300MA5F").build())
                .setImporter(Party.newBuilder().setName("OOO Elektronnye Komponenty").build())
                .setCountryOfOrigin(dispatch).setCountryOfDispatch(dispatch).setCountryOfDestination("RU")
                .setItems(List.of(GoodsItem.newBuilder().setItemNumber(1).setHsCode(hs).setDescription("goods")
                        .setQuantity(new BigDecimal("10.000")).setUnit("pcs").setNetMassKg(new BigDecimal("5.000"))
                        .setValueUsd(new BigDecimal(usd)).build()))
                .build(), at);
    }

    private static <V> List<KeyValue<String, V>> all(KeyValueStore<String, V> store) {
        List<KeyValue<String, V>> entries = new ArrayList<>();
        try (KeyValueIterator<String, V> it = store.all()) {
            it.forEachRemaining(entries::add);
        }
        return entries;
    }

    @Test
    void shouldDropEveryClosedWindowFromTheOpenWindows() {
        List<String> open = all(fixture.<Object>keyValueStore(TopologyStores.FLOW_WINDOWS)).stream().map(e -> e.key).toList();
        assertEquals(1, open.size(), "only the last declaration's window is still open: " + open);
        assertTrue(open.get(0).endsWith("|DE|RU|940360"), open.get(0));
    }

    @Test
    void shouldKeepOfAFlowsHistoryOnlyTheWindowsItsRulesRead() {
        FlowHistory history = fixture.<FlowHistory>keyValueStore(TopologyStores.FLOW_HISTORY).get(FLOW);
        List<Instant> kept = history.getTotals().stream().map(WindowTotal::getWindowStart).toList();
        // SURGE reads a year back and its 13-week span, the baseline 6 weeks more: 52 + 13 + 6 windows before the last.
        Instant oldest = week(WEEKS - 1).minus(WEEK.multipliedBy(52 + 13 + 6));
        assertTrue(kept.stream().allMatch(start -> !start.isBefore(oldest)), "totals older than " + oldest + " kept: " + kept.get(0));
        assertEquals(72, kept.size(), "the last window and the 71 before it, of " + WEEKS);
        Map<String, java.nio.ByteBuffer> memory = history.getMemory();
        assertTrue(memory.get("UNIT_VALUE").remaining() < 300, "UNIT_VALUE remembers seven windows, not three years: "
                + memory.get("UNIT_VALUE").remaining() + " bytes");
    }

    @Test
    void shouldCloseAnExportersFirstPeriodAndKeepOnlyItsNameAndFirstSeen() {
        List<KeyValue<String, Object>> closing = all(fixture.keyValueStore(TopologyStores.TRADER_CLOSING));
        assertTrue(closing.isEmpty(), "periods still waiting to close: " + closing);
        List<KeyValue<String, TraderLedger>> ledgers = all(fixture.keyValueStore(TopologyStores.TRADER_LEDGER));
        assertFalse(ledgers.isEmpty());
        for (KeyValue<String, TraderLedger> ledger : ledgers) {
            assertTrue(ledger.value.getClosed(), ledger.key);
            assertTrue(ledger.value.getTiers().isEmpty() && ledger.value.getProvisionalTiers().isEmpty(), ledger.key + ": " + ledger.value);
        }
    }

    @Test
    void shouldForgetDeclarationIdsPastTheirRetention() {
        assertFalse(seen("D00000"), "an id of three years ago");
        assertFalse(seen(String.format("D%05d", WEEKS - 60)), "an id 80 weeks behind the partition's newest declaration");
        assertTrue(seen("LAST"), "the newest id");
    }

    private boolean seen(String id) {
        try (WindowStoreIterator<Object> entries = fixture.windowStore(TopologyStores.SEEN_DECLARATIONS).fetch(id, 0, Long.MAX_VALUE)) {
            return entries.hasNext();
        }
    }
}
