package org.customssentinel.streams.detect;

import static org.customssentinel.streams.detect.Windows.TIER_1;
import static org.customssentinel.streams.detect.Windows.WEEK;
import static org.customssentinel.streams.detect.Windows.WEEKLY;
import static org.customssentinel.streams.detect.Windows.closed;
import static org.customssentinel.streams.detect.Windows.flat;
import static org.customssentinel.streams.detect.Windows.usd;
import static org.customssentinel.streams.detect.Windows.window;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

import org.apache.avro.Schema;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.customssentinel.avro.Alert;
import org.customssentinel.avro.AlertRule;
import org.customssentinel.avro.AlertStatus;
import org.customssentinel.avro.internal.FlowHistory;
import org.customssentinel.avro.internal.WindowTotal;
import org.junit.jupiter.api.Test;

class SurgeRuleTest {

    private final SurgeRule yearOnYear = new SurgeRule(RuleSettings.defaults(), WEEKLY);

    @Test
    void shouldFireWhenThirteenWeeksReachTenTimesTheSameWeeksAYearEarlier() {
        FlowHistory history = Windows.history(-4, thirteen("10000"));
        append(history, 48, thirteen("200000"));

        Alert alert = yearOnYear.whenClosed(closed(window(60, "200000", true), flat("200000"), TIER_1), history).orElseThrow();

        assertEquals(AlertRule.SURGE, alert.getRule());
        assertEquals(AlertStatus.FINAL, alert.getStatus());
        assertEquals(AlertIds.of("SURGE", "CN|RU|854231", weeksAfter(48).toString()), alert.getAlertId(), "named by the span's start");
        assertEquals(weeksAfter(48), alert.getWindowStart());
        assertEquals(usd("2600000"), alert.getCurrentValueUsd());
        assertEquals(usd("130000"), alert.getBaselineValueUsd());
        assertEquals(20.0, alert.getRatio());
        assertEquals(13, alert.getPreviousWindowTotals().size());
        assertTrue(alert.getSummary().endsWith("in the 13 weeks to 2024-05-02, 20.0× the same weeks a year earlier ($130k)"),
                alert.getSummary());
    }

    @Test
    void shouldFireAtMostOncePerThirteenWeeks() {
        FlowHistory history = Windows.history(-4, Collections.nCopies(30, "10000").toArray(String[]::new));
        append(history, 48, Collections.nCopies(26, "200000").toArray(String[]::new));

        assertTrue(yearOnYear.whenClosed(closed(window(60, "200000", true), flat("200000"), TIER_1), history).isPresent());
        assertEquals(weeksAfter(60), SurgeRule.memoryOf(history).lastSurge().orElse(null), "the rule keeps when it last fired in the flow's history");
        assertTrue(yearOnYear.whenClosed(closed(window(61, "200000", true), flat("200000"), TIER_1), history).isEmpty());
        assertTrue(yearOnYear.whenClosed(closed(window(72, "200000", true), flat("200000"), TIER_1), history).isEmpty());
        assertTrue(yearOnYear.whenClosed(closed(window(73, "200000", true), flat("200000"), TIER_1), history).isPresent());
    }

    @Test
    void shouldKeepWhatAFlowHistoryOfTheOldLayoutRememberedOnUpgrade() {
        // Written before rules kept their own memory: SURGE's in the shared record's fields.
        FlowHistory history = Windows.history(-4, Collections.nCopies(30, "10000").toArray(String[]::new));
        append(history, 48, Collections.nCopies(26, "200000").toArray(String[]::new));
        history.setLastSurge(weeksAfter(60));
        history.setReferenceSum(usd("80000"));

        assertEquals(weeksAfter(60), SurgeRule.memoryOf(history).lastSurge().orElse(null));
        assertEquals(usd("80000"), SurgeRule.memoryOf(history).referenceSum());
        assertTrue(yearOnYear.whenClosed(closed(window(61, "200000", true), flat("200000"), TIER_1), history).isEmpty(),
                "the SURGE raised before the upgrade still holds the next one back");
        assertTrue(yearOnYear.whenClosed(closed(window(73, "200000", true), flat("200000"), TIER_1), history).isPresent());
        assertEquals(weeksAfter(73), SurgeRule.memoryOf(history).lastSurge().orElse(null));
        assertEquals(usd("80000"), SurgeRule.memoryOf(history).referenceSum(), "the reference sum moved with it");
        assertEquals(null, history.getLastSurge(), "the old field is cleared once the memory is the rule's own");
    }

    @Test
    void shouldReadTheBytesOfAFlowHistoryWrittenBeforeTheMemoryField() throws Exception {
        // The store's records as the app before this change wrote them: the same record without its memory map.
        Schema current = FlowHistory.getClassSchema();
        Schema before = Schema.createRecord(current.getName(), current.getDoc(), current.getNamespace(), false, current.getFields().stream()
                .filter(f -> !f.name().equals("memory")).map(f -> new Schema.Field(f, f.schema())).toList());
        FlowHistory written = Windows.history(-4, "10000", "10000");
        written.setLastSurge(weeksAfter(60));
        written.setReferenceSum(usd("80000"));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(bytes, null);
        new SpecificDatumWriter<FlowHistory>(before, SpecificData.getForClass(FlowHistory.class)).write(written, encoder);
        encoder.flush();

        FlowHistory read = new SpecificDatumReader<FlowHistory>(before, current, SpecificData.getForClass(FlowHistory.class))
                .read(null, DecoderFactory.get().binaryDecoder(bytes.toByteArray(), null));
        assertTrue(read.getMemory().isEmpty());
        assertEquals(weeksAfter(60), SurgeRule.memoryOf(read).lastSurge().orElse(null), "SURGE finds what it remembered");
        assertEquals(usd("80000"), SurgeRule.memoryOf(read).referenceSum());
    }

    @Test
    void shouldStayQuietUnderTheFloorWithoutAComparisonOrOnUncontrolledGoods() {
        FlowHistory small = Windows.history(-4, thirteen("100"));
        append(small, 48, thirteen("70000"));
        assertTrue(yearOnYear.whenClosed(closed(window(60, "70000", true), flat("70000"), TIER_1), small).isEmpty(),
                "$910k over 13 weeks is under the $1M floor");

        FlowHistory nothingBefore = Windows.history(48, thirteen("200000"));
        assertTrue(yearOnYear.whenClosed(closed(window(60, "200000", true), flat("200000"), TIER_1), nothingBefore).isEmpty(),
                "nothing a year earlier: NEW_CONTROLLED_FLOW's case");

        FlowHistory uncontrolled = Windows.history(-4, thirteen("10000"));
        append(uncontrolled, 48, thirteen("200000"));
        assertTrue(yearOnYear.whenClosed(closed(window(60, "200000", false), flat("200000"), List.of()), uncontrolled).isEmpty());
    }

    @Test
    void shouldCompareWithThePreSanctionsAverageWhenAReferencePeriodIsSet() {
        // Eight weekly windows from 2022-01-06 up to (not including) 2022-03-03.
        SurgeRule againstReference = new SurgeRule(RuleSettings.defaults()
                .with(SurgeRule.REFERENCE, Optional.of(ReferencePeriod.parse("2022-01-06/2022-03-03"))), WEEKLY);
        FlowHistory history = Windows.history(-60, Collections.nCopies(9, "10000").toArray(String[]::new));
        for (int week = -60; week <= -52; week++) {
            againstReference.remember(closed(window(week, "10000", true), flat("10000"), TIER_1), history);
        }
        assertEquals(usd("80000"), SurgeRule.memoryOf(history).referenceSum(), "2022-03-03 is the period's end, outside it");
        append(history, -12, thirteen("100000"));

        Alert alert = againstReference.whenClosed(closed(window(0, "100000", true), flat("100000"), TIER_1), history).orElseThrow();

        assertEquals(usd("130000"), alert.getBaselineValueUsd(), "the average window (10k) times 13");
        assertTrue(alert.getSummary().endsWith("10.0× the 2022-01-06/2022-03-03 average ($130k)"), alert.getSummary());
    }

    private static String[] thirteen(String each) {
        return Collections.nCopies(13, each).toArray(String[]::new);
    }

    private static void append(FlowHistory history, int firstWeeksAfter, String... totals) {
        for (int k = 0; k < totals.length; k++) {
            history.getTotals().add(WindowTotal.newBuilder().setWindowStart(weeksAfter(firstWeeksAfter + k)).setTotalValueUsd(usd(totals[k]))
                    .build());
        }
    }

    private static Instant weeksAfter(int weeks) {
        return WEEK.plus(Duration.ofDays(7L * weeks));
    }
}
