package org.customssentinel.streams.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.apache.kafka.streams.TestOutputTopic;
import org.customssentinel.schemas.topic.TopicNames;
import org.customssentinel.avro.Declaration;
import org.customssentinel.avro.DeclarationType;
import org.customssentinel.avro.EnrichedDeclaration;
import org.customssentinel.avro.FlowWindow;
import org.customssentinel.avro.GoodsItem;
import org.customssentinel.avro.Party;
import org.customssentinel.avro.RejectedRecord;
import org.customssentinel.streams.detect.RuleSettings;
import org.customssentinel.streams.enrich.ClassificationMode;
import org.customssentinel.streams.flow.WindowSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A file produced twice, or one declaration re-sent with other content: counted once, the conflict rejected. */
class DuplicateDeclarationsTest {

    private static final Instant MONDAY = Instant.parse("2023-03-06T09:00:00Z");

    private final TopologyFixture fixture = new TopologyFixture();
    private TestOutputTopic<String, EnrichedDeclaration> enriched;
    private TestOutputTopic<String, RejectedRecord> rejected;
    private TestOutputTopic<String, FlowWindow> windows;

    @BeforeEach
    void start() {
        fixture.start(new TopologySettings(TopologySettings.Topics.defaults("duplicates-test"), ClassificationMode.LATEST,
                WindowSettings.weekly(), RuleSettings.defaults(), 1, fixture.serdeConfigs()));
        enriched = fixture.output(TopicNames.ENRICHED);
        rejected = fixture.output(TopicNames.REJECTED);
        windows = fixture.output(TopicNames.FLOWS_WINDOWED);
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    @Test
    void shouldCountADeclarationSentTwiceWithTheSameContentOnce() {
        fixture.declare(declaration("D1", "40000.00", MONDAY), MONDAY);
        fixture.declare(declaration("D1", "40000.00", MONDAY), MONDAY);
        fixture.declare(declaration("D2", "1.00", MONDAY.plus(Duration.ofDays(10))), MONDAY.plus(Duration.ofDays(10)));

        assertEquals(List.of("D1", "D2"), enriched.readKeyValuesToList().stream().map(kv -> kv.key).toList(), "D1 enriched once");
        assertTrue(rejected.isEmpty(), "an identical copy is dropped, not rejected");
        FlowWindow closed = windows.readValuesToList().stream().filter(FlowWindow::getClosed).findFirst().orElseThrow();
        assertEquals(new BigDecimal("40000.00"), closed.getTotalValueUsd(), "the window counts D1 once");
        assertEquals(1, closed.getDeclarationCount());
    }

    @Test
    void shouldRejectACopyWithOtherContentNamingWhereBothWereRead() {
        fixture.declare(declaration("D1", "40000.00", MONDAY), MONDAY);
        fixture.declare(declaration("D1", "95000.00", MONDAY), MONDAY);

        assertEquals(1, enriched.readValuesToList().size(), "the first version counts");
        RejectedRecord conflict = rejected.readValue();
        assertEquals("CONFLICTING_DUPLICATE", conflict.getReasons().get(0).getCode());
        assertEquals(1L, conflict.getOffset(), "the copy's own position");
        assertTrue(conflict.getReasons().get(0).getMessage().contains("counted from partition 0 offset 0"), conflict.getReasons().get(0).getMessage());
        assertTrue(conflict.getRawText().contains("95000.00"), "the rejected version's content, for the analyst");
    }

    @Test
    void shouldStillNotCountACopyResentAfterItsIdExpired() {
        fixture.declare(declaration("D1", "40000.00", MONDAY), MONDAY);
        Instant later = MONDAY.plus(Duration.ofDays(120));
        fixture.declare(declaration("D2", "1.00", later), later);
        fixture.declare(declaration("D2", "1.00", later), later);
        fixture.declare(declaration("D1", "40000.00", MONDAY), MONDAY);

        assertEquals(List.of("D1", "D2"), enriched.readKeyValuesToList().stream().map(kv -> kv.key).toList(),
                "D2's copy is dropped; D1, forgotten 90 days on, gets through the filter but is late: not enriched either");
        List<RejectedRecord> all = rejected.readValuesToList();
        assertEquals(1, all.size());
        assertEquals("LATE", all.get(0).getReasons().get(0).getCode(), "its window closed long ago: rejected, not counted again");
    }

    private static Declaration declaration(String id, String usd, Instant lodgedAt) {
        return Declaration.newBuilder().setDeclarationId(id).setDeclarationType(DeclarationType.IMPORT).setLodgedAt(lodgedAt)
                .setDeclarant(Party.newBuilder().setName("Broker").build())
                .setExporter(Party.newBuilder().setName("Shenzhen Huaxin Electronics").build())
                .setImporter(Party.newBuilder().setName("OOO Elektronnye Komponenty").build())
                .setCountryOfOrigin("CN").setCountryOfDispatch("CN").setCountryOfDestination("RU")
                .setItems(List.of(GoodsItem.newBuilder().setItemNumber(1).setHsCode("9403600000").setDescription("furniture")
                        .setQuantity(new BigDecimal("1.000")).setUnit("pcs").setNetMassKg(new BigDecimal("1.000"))
                        .setValueUsd(new BigDecimal(usd)).build()))
                .build();
    }
}
