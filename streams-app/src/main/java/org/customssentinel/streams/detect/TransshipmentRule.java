package org.customssentinel.streams.detect;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.customssentinel.avro.Alert;
import org.customssentinel.avro.AlertStatus;
import org.customssentinel.avro.FlowWindow;
import org.customssentinel.avro.TradeFlow;
import org.customssentinel.avro.internal.FlowHistory;
import org.customssentinel.streams.flow.WindowSettings;

/**
 * TRANSSHIPMENT: controlled goods made in a coalition country, dispatched from a third country to a restricted
 * destination ({@link Sanctions}), worth at least {@code rules.transshipment.floor.usd} on one route
 * (origin, dispatch, destination, HS-6) in one window. A level, not a change: such a route should carry nothing, so
 * its first material window is the news. PROVISIONAL when the running value crosses the floor, FINAL when the window
 * closes; at most once per route per {@code rules.transshipment.repeat-windows}, so a route that stays busy reminds
 * ops once a quarter (by default) instead of every week.
 */
public final class TransshipmentRule implements WindowRule {

    public static final Setting<BigDecimal> FLOOR = Setting.money("transshipment.floor.usd", "50000",
            "a route's window value from which it fires");
    public static final Setting<Integer> REPEAT_WINDOWS = Setting.windows("transshipment.repeat-windows", 13,
            "a route fires at most once per this many windows");
    /** The start of the route's window that last raised it. */
    private static final RuleMemory<Optional<Instant>> LAST_FIRED = RuleMemory.named("TRANSSHIPMENT", Optional.empty(),
            (last, out) -> out.writeLong(last.map(Instant::toEpochMilli).orElse(Long.MIN_VALUE)),
            in -> {
                long last = in.readLong();
                return last == Long.MIN_VALUE ? Optional.empty() : Optional.of(Instant.ofEpochMilli(last));
            },
            history -> Optional.ofNullable(history.getLastTransshipment()));

    private final BigDecimal floorUsd;
    private final int repeatWindows;
    private final WindowSettings windows;

    public TransshipmentRule(RuleSettings settings, WindowSettings windows) {
        this.floorUsd = settings.get(FLOOR);
        this.repeatWindows = settings.get(REPEAT_WINDOWS);
        this.windows = windows;
    }

    /** The start of the route's window that last raised it, as the rule remembers it. */
    static Optional<Instant> lastFired(FlowHistory history) {
        return LAST_FIRED.of(history);
    }

    @Override
    public String id() {
        return "TRANSSHIPMENT";
    }

    @Override
    public String label() {
        return "ROUTE";
    }

    @Override
    public String description() {
        return "coalition-made controlled goods via a third country to a restricted destination, from transshipment.floor.usd a window";
    }

    @Override
    public List<Setting<?>> settings() {
        return List.of(FLOOR, REPEAT_WINDOWS);
    }

    @Override
    public boolean onRoutes() {
        return true;
    }

    @Override
    public Optional<Alert> whileOpen(OpenWindow open) {
        if (!overFloor(open.window()) || recentlyFired(open.window(), open.history().get())) {
            return Optional.empty();
        }
        return Optional.of(alert(AlertStatus.PROVISIONAL, open.window(), open.goods(), open.withBaseline(open.baseline().get())));
    }

    @Override
    public Optional<Alert> whenClosed(ClosedWindow closed, FlowHistory history) {
        if (!overFloor(closed.window()) || recentlyFired(closed.window(), history)) {
            return Optional.empty();
        }
        LAST_FIRED.keep(history, Optional.of(closed.window().getWindowStart()));
        history.setLastTransshipment(null);
        return Optional.of(alert(AlertStatus.FINAL, closed.window(), closed.goods(), closed));
    }

    @Override
    public Map<String, String> settingsUsed(Thresholds thresholds) {
        return Map.of(FLOOR.key(), RuleProperties.text(floorUsd), REPEAT_WINDOWS.key(), String.valueOf(repeatWindows));
    }

    private boolean overFloor(FlowWindow window) {
        return window.getControlled() && window.getTotalValueUsd().compareTo(floorUsd) >= 0;
    }

    /** Fired on an earlier window less than the repeat interval ago (its own window's FINAL still follows its PROVISIONAL). */
    private boolean recentlyFired(FlowWindow window, FlowHistory history) {
        Instant last = LAST_FIRED.of(history).orElse(null);
        long start = window.getWindowStart().toEpochMilli();
        return last != null && last.toEpochMilli() < start && start - last.toEpochMilli() < repeatWindows * windows.sizeMs();
    }

    private Alert alert(AlertStatus status, FlowWindow window, String goods, ClosedWindow judged) {
        TradeFlow route = window.getFlow();
        String parties = window.getTopParties().stream().limit(3).map(p -> p.getName() + " " + Money.usd(p.getValueUsd()))
                .collect(Collectors.joining(", "));
        String summary = String.format(Locale.ROOT, "%s-made %s via %s to %s: %s in week of %s (floor %s), %d declaration%s%s",
                route.getOriginCountry(), AlertFactory.describeGoods(route.getHsCode(), goods, judged.lists()), route.getDispatchCountry(),
                route.getDestinationCountry(), Money.usd(window.getTotalValueUsd()), AlertFactory.weekOf(window), Money.usd(floorUsd),
                window.getDeclarationCount(), window.getDeclarationCount() == 1 ? "" : "s", parties.isEmpty() ? "" : "; exporters " + parties);
        return AlertFactory.windowAlert(id(), status, window, judged.baseline(), judged.lists(), summary);
    }
}
