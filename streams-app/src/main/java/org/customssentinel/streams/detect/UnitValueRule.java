package org.customssentinel.streams.detect;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;

import org.customssentinel.avro.Alert;
import org.customssentinel.avro.AlertStatus;
import org.customssentinel.avro.FlowWindow;
import org.customssentinel.avro.internal.FlowHistory;
import org.customssentinel.streams.flow.FlowKeys;
import org.customssentinel.streams.flow.WindowSettings;

/**
 * UNIT_VALUE: a window's value per kilogram of net mass is under 1/{@code rules.unit-value.ratio} of, or over that
 * many times, the median value per kilogram of the flow's previous N windows (N = {@code rules.baseline.windows}),
 * with at least {@code rules.unit-value.floor.usd} in the window. One consignment's value per kg says little of the
 * flow's (an HS-6 heading spans many products), so a window counts only from {@code rules.unit-value.declarations}
 * declarations, judged or as one of the N. Undervalued goods, and goods declared under the wrong
 * heading, look like this while the flow's value does not move. Of the previous N windows, those that carried goods
 * count, and at least half of N must have; controlled goods only unless {@code rules.scope=all}. PROVISIONAL while
 * open, once per window; FINAL at close. Unlike a total, a unit value can fall back inside the band before the window
 * closes, so a PROVISIONAL is not always followed by its FINAL.
 */
public final class UnitValueRule implements WindowRule {

    public static final Setting<Double> RATIO = Setting.ratio("unit-value.ratio", 5,
            "fires at this many times, or this fraction of, the flow's median value per kg");
    public static final Setting<BigDecimal> FLOOR = Setting.money("unit-value.floor.usd", "100000",
            "only windows worth at least this are judged");
    public static final Setting<Integer> DECLARATIONS = Setting.windows("unit-value.declarations", 3,
            "a window is judged, and counts in the median, only with at least this many declarations");
    private static final MathContext PRECISION = MathContext.DECIMAL64;

    /** One closed window's value per kilogram. */
    record UnitValue(long windowStart, BigDecimal usdPerKg) {
    }

    /** The unit values of the flow's last closed windows that carried goods, oldest first. */
    private static final RuleMemory<List<UnitValue>> MEMORY = RuleMemory.named("UNIT_VALUE", List.of(),
            (values, out) -> {
                out.writeInt(values.size());
                for (UnitValue value : values) {
                    out.writeLong(value.windowStart());
                    out.writeUTF(value.usdPerKg().toString());
                }
            },
            in -> {
                int n = in.readInt();
                List<UnitValue> values = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    values.add(new UnitValue(in.readLong(), new BigDecimal(in.readUTF())));
                }
                return values;
            });

    private final boolean allFlows;
    private final double ratio;
    private final BigDecimal floorUsd;
    private final int declarations;
    private final WindowSettings windows;

    public UnitValueRule(RuleSettings settings, WindowSettings windows) {
        this.allFlows = settings.allFlows();
        this.ratio = settings.get(RATIO);
        this.floorUsd = settings.get(FLOOR);
        this.declarations = settings.get(DECLARATIONS);
        this.windows = windows;
    }

    /** How many windows' unit values the rule keeps for this flow. */
    static int remembered(FlowHistory history) {
        return MEMORY.of(history).size();
    }

    @Override
    public String id() {
        return "UNIT_VALUE";
    }

    @Override
    public String label() {
        return "UNIT";
    }

    @Override
    public String description() {
        return "a window's value per kg is under 1/unit-value.ratio or over unit-value.ratio times the flow's median (from unit-value.floor.usd)";
    }

    @Override
    public List<Setting<?>> settings() {
        return List.of(RATIO, FLOOR, DECLARATIONS);
    }

    @Override
    public Optional<Alert> whileOpen(OpenWindow open) {
        return judge(open.window(), open.thresholds(), open.history())
                .map(median -> alert(AlertStatus.PROVISIONAL, open.withBaseline(open.baseline().get()), median));
    }

    @Override
    public void remember(ClosedWindow closed, FlowHistory history) {
        FlowWindow w = closed.window();
        long start = w.getWindowStart().toEpochMilli();
        // This window is judged next (whenClosed) against the N before it, so those stay until then.
        long keepFrom = start - (long) closed.thresholds().baselineWindows() * windows.sizeMs();
        List<UnitValue> kept = new ArrayList<>(MEMORY.of(history).stream().filter(v -> v.windowStart() >= keepFrom).toList());
        unitValue(w).filter(perKg -> w.getDeclarationCount() >= declarations).ifPresent(perKg -> kept.add(new UnitValue(start, perKg)));
        MEMORY.keep(history, kept);
    }

    @Override
    public Optional<Alert> whenClosed(ClosedWindow closed, FlowHistory history) {
        // remember() has already added this window: judge it against the ones before.
        return judge(closed.window(), closed.thresholds(), () -> history).map(median -> alert(AlertStatus.FINAL, closed, median));
    }

    @Override
    public Map<String, String> settingsUsed(Thresholds thresholds) {
        Map<String, String> used = new TreeMap<>();
        used.put(RATIO.key(), RuleProperties.text(ratio));
        used.put(FLOOR.key(), RuleProperties.text(floorUsd));
        used.put(DECLARATIONS.key(), String.valueOf(declarations));
        used.put("baseline.windows", String.valueOf(thresholds.baselineWindows()));
        used.put("scope", allFlows ? "all" : "controlled");
        return used;
    }

    /**
     * The median value per kg of the previous windows, when the window's own is outside the band around it. The flow's
     * history is read (a store read and a decode) only once the window's own figures pass the cheap checks: while open,
     * this runs for every declaration that adds to the window.
     */
    private Optional<BigDecimal> judge(FlowWindow window, Thresholds thresholds, Supplier<FlowHistory> history) {
        if (!(allFlows || window.getControlled()) || window.getTotalValueUsd().compareTo(floorUsd) < 0
                || window.getDeclarationCount() < declarations) {
            return Optional.empty();
        }
        Optional<BigDecimal> own = unitValue(window);
        if (own.isEmpty()) {
            return Optional.empty();
        }
        long start = window.getWindowStart().toEpochMilli();
        long from = start - thresholds.baselineWindows() * windows.sizeMs();
        List<BigDecimal> previous = MEMORY.of(history.get()).stream()
                .filter(v -> v.windowStart() >= from && v.windowStart() < start).map(UnitValue::usdPerKg).toList();
        if (previous.isEmpty() || previous.size() * 2 < thresholds.baselineWindows()) {
            return Optional.empty();
        }
        BigDecimal median = new Baseline(previous).median();
        BigDecimal band = BigDecimal.valueOf(ratio);
        boolean outside = own.get().multiply(band).compareTo(median) <= 0 || own.get().compareTo(median.multiply(band)) >= 0;
        return median.signum() > 0 && outside ? Optional.of(median) : Optional.empty();
    }

    private static Optional<BigDecimal> unitValue(FlowWindow window) {
        BigDecimal kg = window.getTotalNetMassKg();
        return kg == null || kg.signum() <= 0 ? Optional.empty() : Optional.of(window.getTotalValueUsd().divide(kg, PRECISION));
    }

    /** Compared with what the window's goods would be worth at the flow's median value per kg. */
    private Alert alert(AlertStatus status, ClosedWindow judged, BigDecimal medianPerKg) {
        FlowWindow w = judged.window();
        BigDecimal perKg = unitValue(w).orElseThrow();
        BigDecimal expected = medianPerKg.multiply(w.getTotalNetMassKg());
        Double times = AlertFactory.ratio(w.getTotalValueUsd(), expected);
        String summary = String.format(Locale.ROOT, "%s: %s per kg in week of %s (%s for %,.0f kg), %s the %d-week median %s per kg",
                AlertFactory.describe(w.getFlow(), judged.goods(), judged.lists()), perKgText(perKg), AlertFactory.weekOf(w),
                Money.usd(w.getTotalValueUsd()), w.getTotalNetMassKg().doubleValue(), times == null ? "against" : times >= 1
                        ? String.format(Locale.ROOT, "%.1f×", times) : String.format(Locale.ROOT, "1/%.1f of", 1 / times),
                judged.thresholds().baselineWindows(), perKgText(medianPerKg));
        return AlertFactory.base(id(), status, w.getFlow(), w.getWindowStart(), w.getWindowEnd(), w.getTotalValueUsd(), expected, times,
                        summary, judged.lists())
                .setAlertId(AlertIds.of(id(), FlowKeys.key(w.getFlow()), w.getWindowStart().toString()))
                .setPreviousWindowTotals(judged.baseline().previousTotals())
                .setTopParties(w.getTopParties())
                .setSampleDeclarationIds(w.getSampleDeclarationIds())
                .build();
    }

    private static String perKgText(BigDecimal usdPerKg) {
        return "$" + usdPerKg.setScale(2, RoundingMode.HALF_EVEN).toPlainString();
    }
}
