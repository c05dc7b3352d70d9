package org.customssentinel.streams.detect;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.customssentinel.avro.Alert;
import org.customssentinel.avro.AlertStatus;
import org.customssentinel.avro.FlowWindow;
import org.customssentinel.avro.internal.FlowHistory;
import org.customssentinel.streams.flow.FlowKeys;
import org.customssentinel.streams.flow.WindowSettings;

/**
 * SURGE: the last M closed windows ({@code rules.surge.windows}) together reach {@code rules.surge.ratio} times the
 * same weeks a year earlier, or times M average windows of a reference period ({@code rules.surge.reference}, e.g. the
 * year before the sanctions), from {@code rules.surge.floor.usd}. At most once per M windows per flow; FINAL only,
 * since it compares closed windows.
 */
public final class SurgeRule implements WindowRule {

    public static final Setting<Integer> WINDOWS = Setting.windows("surge.windows", 13, "M: SURGE compares the total of the last M closed windows");
    public static final Setting<Optional<ReferencePeriod>> REFERENCE = Setting.optional("surge.reference", ReferencePeriod::parse,
            "compare with this period's average window times M (e.g. 2021-01-01/2022-02-24) instead of the year before");

    /**
     * What SURGE keeps of a flow.
     *
     * @param referenceSum the flow's window totals inside the reference period, added up
     * @param lastSurge    the start of the window that last raised it
     */
    record Memory(BigDecimal referenceSum, Optional<Instant> lastSurge) {
    }

    private static final RuleMemory<Memory> MEMORY = RuleMemory.named("SURGE", new Memory(BigDecimal.ZERO.setScale(2), Optional.empty()),
            (memory, out) -> {
                out.writeUTF(memory.referenceSum().toPlainString());
                out.writeLong(memory.lastSurge().map(Instant::toEpochMilli).orElse(Long.MIN_VALUE));
            },
            in -> {
                BigDecimal sum = new BigDecimal(in.readUTF());
                long last = in.readLong();
                return new Memory(sum, last == Long.MIN_VALUE ? Optional.empty() : Optional.of(Instant.ofEpochMilli(last)));
            },
            history -> new Memory(history.getReferenceSum(), Optional.ofNullable(history.getLastSurge())));

    private final RuleSettings rules;
    private final int surgeWindows;
    private final Optional<ReferencePeriod> reference;
    private final WindowSettings windows;

    public SurgeRule(RuleSettings rules, WindowSettings windows) {
        this.rules = rules;
        this.surgeWindows = rules.get(WINDOWS);
        this.reference = rules.get(REFERENCE);
        this.windows = windows;
    }

    /** What the rule remembers of this flow. */
    static Memory memoryOf(FlowHistory history) {
        return MEMORY.of(history);
    }

    @Override
    public String id() {
        return "SURGE";
    }

    @Override
    public String description() {
        return "the last surge.windows reach surge.ratio times the same weeks a year earlier, or a reference period (from surge.floor.usd)";
    }

    @Override
    public List<Setting<?>> settings() {
        return List.of(WINDOWS, REFERENCE);
    }

    @Override
    public Map<String, String> settingsUsed(Thresholds thresholds) {
        Map<String, String> used = new TreeMap<>();
        used.put(WINDOWS.key(), String.valueOf(surgeWindows));
        used.put("surge.ratio", RuleProperties.text(thresholds.surgeRatio()));
        used.put("surge.floor.usd", RuleProperties.text(thresholds.surgeFloorUsd()));
        reference.ifPresent(period -> used.put(REFERENCE.key(), period.toString()));
        used.put("scope", rules.allFlows() ? "all" : "controlled");
        return used;
    }

    @Override
    public void remember(ClosedWindow closed, FlowHistory history) {
        if (reference.isPresent() && inReference(closed.window().getWindowStart().toEpochMilli())) {
            Memory memory = MEMORY.of(history);
            keep(history, new Memory(memory.referenceSum().add(closed.window().getTotalValueUsd()), memory.lastSurge()));
        }
    }

    /** Kept as SURGE's own memory; what the history held of it before goes. */
    private static void keep(FlowHistory history, Memory memory) {
        MEMORY.keep(history, memory);
        history.setReferenceSum(BigDecimal.ZERO.setScale(2));
        history.setLastSurge(null);
    }

    @Override
    public Optional<Alert> whenClosed(ClosedWindow closed, FlowHistory history) {
        FlowWindow w = closed.window();
        long start = w.getWindowStart().toEpochMilli();
        int m = surgeWindows;
        Memory memory = MEMORY.of(history);
        if (!(rules.allFlows() || w.getControlled())) {
            return Optional.empty();
        }
        if (memory.lastSurge().isPresent() && start - memory.lastSurge().get().toEpochMilli() < m * windows.sizeMs()) {
            return Optional.empty();
        }
        Map<Long, BigDecimal> totals = Baseline.totalsByStart(history);
        long spanStart = start - (m - 1) * windows.sizeMs();
        List<BigDecimal> span = new ArrayList<>();
        BigDecimal spanTotal = BigDecimal.ZERO;
        for (int k = 0; k < m; k++) {
            BigDecimal total = totals.getOrDefault(spanStart + k * windows.sizeMs(), BigDecimal.ZERO);
            span.add(total);
            spanTotal = spanTotal.add(total);
        }
        if (spanTotal.compareTo(closed.thresholds().surgeFloorUsd()) < 0) {
            return Optional.empty();
        }
        BigDecimal comparison;
        String comparisonName;
        if (reference.isPresent()) {
            long slots = referenceSlots();
            comparison = slots == 0 ? BigDecimal.ZERO
                    : memory.referenceSum().multiply(BigDecimal.valueOf(m)).divide(BigDecimal.valueOf(slots), 2, RoundingMode.HALF_EVEN);
            comparisonName = "the " + reference.get() + " average";
        } else {
            comparison = BigDecimal.ZERO;
            long earlier = spanStart - yearWindows() * windows.sizeMs();
            for (int k = 0; k < m; k++) {
                comparison = comparison.add(totals.getOrDefault(earlier + k * windows.sizeMs(), BigDecimal.ZERO));
            }
            comparisonName = "the same weeks a year earlier";
        }
        if (comparison.signum() <= 0
                || spanTotal.compareTo(comparison.multiply(BigDecimal.valueOf(closed.thresholds().surgeRatio()))) < 0) {
            return Optional.empty();
        }
        keep(history, new Memory(memory.referenceSum(), Optional.of(w.getWindowStart())));
        return Optional.of(alert(closed, Instant.ofEpochMilli(spanStart), spanTotal, comparison, comparisonName, span));
    }

    /** A year back, and the span before it. */
    @Override
    public long historyWindows() {
        return yearWindows() + surgeWindows;
    }

    private Alert alert(ClosedWindow closed, Instant spanStart, BigDecimal spanTotal, BigDecimal comparison, String comparisonName,
                        List<BigDecimal> span) {
        FlowWindow last = closed.window();
        double ratio = spanTotal.divide(comparison, 6, RoundingMode.HALF_EVEN).doubleValue();
        String summary = String.format(Locale.ROOT, "%s: %s in the %d weeks to %s, %.1f× %s (%s)",
                AlertFactory.describe(last.getFlow(), closed.goods(), closed.lists()), Money.usd(spanTotal), surgeWindows,
                last.getWindowEnd().toString().substring(0, 10), ratio, comparisonName, Money.usd(comparison));
        return AlertFactory.base(id(), AlertStatus.FINAL, last.getFlow(), spanStart, last.getWindowEnd(), spanTotal, comparison,
                        ratio, summary, closed.lists())
                .setAlertId(AlertIds.of(id(), FlowKeys.key(last.getFlow()), spanStart.toString()))
                .setPreviousWindowTotals(span)
                .setTopParties(last.getTopParties())
                .setSampleDeclarationIds(last.getSampleDeclarationIds())
                .build();
    }

    private boolean inReference(long windowStart) {
        ReferencePeriod period = reference.orElseThrow();
        return windowStart >= windows.startOf(period.from().toEpochMilli()) && windowStart < period.to().toEpochMilli();
    }

    private long referenceSlots() {
        ReferencePeriod period = reference.orElseThrow();
        long first = windows.startOf(period.from().toEpochMilli());
        return Math.max(0, (period.to().toEpochMilli() - first + windows.sizeMs() - 1) / windows.sizeMs());
    }

    /** How many windows make the 52 weeks a year-on-year comparison looks back. */
    private long yearWindows() {
        return Math.max(1, Math.round((double) Duration.ofDays(364).toMillis() / windows.sizeMs()));
    }
}
