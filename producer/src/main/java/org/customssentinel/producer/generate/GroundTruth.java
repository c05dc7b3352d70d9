package org.customssentinel.producer.generate;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * What a scenario planted, read from its definition rather than from any alert: the spikes it injects, each flow's
 * goods whose monthly value reaches ten times their average over the pre-sanctions months (January 2021 to February
 * 2022), for as long as it stays there (a flow worth almost nothing before, under 1% of its later peak, is a new
 * flow), each transshipment route (a flow whose goods are made elsewhere than where they are dispatched from) for
 * as long as it carries anything, and each planted new trader for its first 90 days. A spike's exporter is new too (the
 * scenario never used it before).
 * Windows are the weekly ones the streams app uses by default (aligned to the epoch, a Thursday).
 */
final class GroundTruth {

    static final double SURGE_RATIO = 10;
    private static final YearMonth REFERENCE_FROM = YearMonth.of(2021, 1);
    private static final YearMonth REFERENCE_TO = YearMonth.of(2022, 2);

    private GroundTruth() {
    }

    static List<AnomalyLabel> of(Scenario scenario, LocalDate from, LocalDate to) {
        List<AnomalyLabel> labels = new ArrayList<>();
        for (FlowSpec flow : scenario.flows()) {
            for (Goods goods : flow.goods()) {
                surges(flow, goods, from, to, labels);
                if (!flow.origin().equals(flow.dispatch())) {
                    route(flow, goods, from, to, labels);
                }
            }
        }
        for (FlowSpec trader : scenario.newTraders()) {
            for (Goods goods : trader.goods()) {
                newTrader(trader, goods, from, to, labels);
            }
        }
        for (Spike spike : scenario.spikes()) {
            FlowSpec flow = scenario.flows().stream().filter(f -> f.code() == spike.flowCode()).findFirst().orElseThrow();
            if (!spike.weekStart().isBefore(from) && !spike.weekStart().isAfter(to)) {
                labels.add(spike.misdeclared()
                        ? new AnomalyLabel(flow.dispatch(), flow.destination(), spike.hsCode(), windowOf(spike.weekStart()),
                                windowOf(spike.weekStart()), List.of("UNIT_VALUE"), String.format(Locale.ROOT,
                                "a week of goods weighing %.0f times what their declared value usually weighs, shipped by %s",
                                spike.kgMultiple(), spike.exporter()))
                        : new AnomalyLabel(flow.dispatch(), flow.destination(), spike.hsCode(), windowOf(spike.weekStart()),
                                windowOf(spike.weekStart()), List.of("SPIKE", "WATCHLIST_HIT", "NEW_TRADER"), String.format(Locale.ROOT,
                                "a one-week burst of %.0f times the usual value, shipped by %s", spike.multiple(), spike.exporter())));
            }
        }
        return labels;
    }

    private static void surges(FlowSpec flow, Goods goods, LocalDate from, LocalDate to, List<AnomalyLabel> labels) {
        ToDoubleFunction<YearMonth> value = m -> flow.monthlyUsd().applyAsDouble(m) * goods.share();
        double reference = 0;
        int months = 0;
        for (YearMonth m = REFERENCE_FROM; !m.isAfter(REFERENCE_TO); m = m.plusMonths(1)) {
            reference += value.applyAsDouble(m);
            months++;
        }
        reference /= months;
        double peak = 0;
        for (YearMonth m = YearMonth.from(from); !m.isAfter(YearMonth.from(to)); m = m.plusMonths(1)) {
            peak = Math.max(peak, value.applyAsDouble(m));
        }
        boolean isNew = reference < peak * 0.01;
        YearMonth start = null;
        double top = 0;
        for (YearMonth m = YearMonth.from(from); ; m = m.plusMonths(1)) {
            boolean inRange = !m.isAfter(YearMonth.from(to));
            double ratio = inRange ? value.applyAsDouble(m) / reference : 0;
            boolean high = inRange && m.isAfter(REFERENCE_TO) && ratio >= SURGE_RATIO;
            if (high) {
                top = Math.max(top, ratio);
            }
            if (high && start == null) {
                start = m;
            } else if (!high && start != null) {
                YearMonth last = m.minusMonths(1);
                LocalDate first = max(start.atDay(1), from);
                LocalDate end = min(last.atEndOfMonth(), to);
                labels.add(new AnomalyLabel(flow.dispatch(), flow.destination(), goods.hsCode(), windowOf(first), windowOf(end),
                        isNew ? List.of("NEW_CONTROLLED_FLOW", "SURGE") : List.of("SURGE"), isNew
                                ? String.format(Locale.ROOT, "a new flow of %s from %s, next to nothing before", goods.description(), start)
                                : String.format(Locale.ROOT, "%s from %s, up to %.0f times the pre-sanctions average", goods.description(), start, top)));
                start = null;
                top = 0;
            }
            if (!inRange) {
                return;
            }
        }
    }

    /** The first 90 days from the trader's first month. */
    private static void newTrader(FlowSpec trader, Goods goods, LocalDate from, LocalDate to, List<AnomalyLabel> labels) {
        for (YearMonth m = YearMonth.from(from); !m.isAfter(YearMonth.from(to)); m = m.plusMonths(1)) {
            if (trader.monthlyUsd().applyAsDouble(m) * goods.share() > 0) {
                LocalDate first = max(m.atDay(1), from);
                labels.add(new AnomalyLabel(trader.dispatch(), trader.destination(), goods.hsCode(), windowOf(first),
                        windowOf(min(first.plusDays(90), to)), List.of("NEW_TRADER"), String.format(Locale.ROOT,
                        "%s, new in %s, ships %s to %s", trader.exporters().get(0), m, goods.description(), trader.destination())));
                return;
            }
        }
    }

    /** The months the route carries the goods, first to last. */
    private static void route(FlowSpec flow, Goods goods, LocalDate from, LocalDate to, List<AnomalyLabel> labels) {
        YearMonth first = null;
        YearMonth last = null;
        for (YearMonth m = YearMonth.from(from); !m.isAfter(YearMonth.from(to)); m = m.plusMonths(1)) {
            if (flow.monthlyUsd().applyAsDouble(m) * goods.share() > 0) {
                first = first == null ? m : first;
                last = m;
            }
        }
        if (first != null) {
            labels.add(new AnomalyLabel(flow.dispatch(), flow.destination(), goods.hsCode(), windowOf(max(first.atDay(1), from)),
                    windowOf(min(last.atEndOfMonth(), to)), List.of("TRANSSHIPMENT"), String.format(Locale.ROOT,
                    "%s made in %s, dispatched from %s to %s from %s", goods.description(), flow.origin(), flow.dispatch(),
                    flow.destination(), first), flow.origin()));
        }
    }

    /** The start of the weekly window holding {@code day}: weekly windows are aligned to the epoch, a Thursday. */
    static LocalDate windowOf(LocalDate day) {
        return day.with(TemporalAdjusters.previousOrSame(DayOfWeek.THURSDAY));
    }

    private static LocalDate max(LocalDate a, LocalDate b) {
        return a.isAfter(b) ? a : b;
    }

    private static LocalDate min(LocalDate a, LocalDate b) {
        return a.isBefore(b) ? a : b;
    }
}
