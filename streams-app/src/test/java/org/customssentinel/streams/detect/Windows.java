package org.customssentinel.streams.detect;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.customssentinel.avro.FlowWindow;
import org.customssentinel.avro.ListReference;
import org.customssentinel.avro.TradeFlow;
import org.customssentinel.avro.internal.FlowHistory;
import org.customssentinel.avro.internal.WindowTotal;
import org.customssentinel.streams.flow.WindowSettings;

/** Plain objects for the rule tests: weekly windows of CN→RU 854231 (processors, CHPL Tier 1). */
final class Windows {

    static final WindowSettings WEEKLY = WindowSettings.weekly();
    static final TradeFlow FLOW = TradeFlow.newBuilder().setDispatchCountry("CN").setDestinationCountry("RU").setHsCode("854231").build();
    static final Instant WEEK = Instant.parse("2023-03-02T00:00:00Z");
    static final List<ListReference> TIER_1 = List.of(list("Tier 1"));
    static final List<ListReference> CANDIDATE = List.of(ListReference.newBuilder().setListId("EU-ANNEX-I")
            .setCategory("Annex I candidate").setListVersion("2024").build());
    static final String GOODS = "Processors and controllers";

    private Windows() {
    }

    static ListReference list(String tier) {
        return ListReference.newBuilder().setListId("CHPL").setCategory(tier).setListVersion("2024-02").build();
    }

    static BigDecimal usd(String value) {
        return new BigDecimal(value).setScale(2, RoundingMode.HALF_EVEN);
    }

    /** The window {@code weeksAfter} weeks after {@link #WEEK}, with this total. */
    static FlowWindow window(int weeksAfter, String totalUsd, boolean controlled) {
        Instant start = WEEK.plus(Duration.ofDays(7L * weeksAfter));
        return FlowWindow.newBuilder().setFlow(FLOW).setWindowStart(start).setWindowEnd(start.plus(Duration.ofDays(7)))
                .setTotalValueUsd(usd(totalUsd)).setTotalNetMassKg(new BigDecimal("1.000")).setItemCount(3).setDeclarationCount(2)
                .setControlled(controlled).setSampleDeclarationIds(new ArrayList<>(List.of("D-1", "D-2"))).build();
    }

    /** Six previous window totals, all {@code each}. */
    static Baseline flat(String each) {
        return new Baseline(List.of(usd(each), usd(each), usd(each), usd(each), usd(each), usd(each)));
    }

    /** An open window carrying {@code baseline}'s median; {@code reads} counts how often the full baseline is asked for. */
    static OpenWindow open(FlowWindow window, Baseline baseline, List<ListReference> lists, AtomicInteger reads) {
        window.setBaselineValueUsd(baseline.median().setScale(2, RoundingMode.HALF_EVEN));
        Supplier<Baseline> full = () -> {
            reads.incrementAndGet();
            return baseline;
        };
        return new OpenWindow(window, lists, GOODS, Thresholds.defaults(), full, () -> history(0));
    }

    static ClosedWindow closed(FlowWindow window, Baseline baseline, List<ListReference> lists) {
        window.setBaselineValueUsd(baseline.median().setScale(2, RoundingMode.HALF_EVEN));
        window.setClosed(true);
        return new ClosedWindow(window, lists, GOODS, Thresholds.defaults(), baseline);
    }

    /** A flow's history with these closed weekly totals, the first {@code firstWeeksAfter} weeks after {@link #WEEK}. */
    static FlowHistory history(int firstWeeksAfter, String... totals) {
        FlowHistory history = FlowHistory.newBuilder().setTotals(new ArrayList<>()).setReferenceSum(usd("0")).build();
        for (int k = 0; k < totals.length; k++) {
            history.getTotals().add(WindowTotal.newBuilder().setWindowStart(WEEK.plus(Duration.ofDays(7L * (firstWeeksAfter + k))))
                    .setTotalValueUsd(usd(totals[k])).build());
        }
        return history;
    }
}
