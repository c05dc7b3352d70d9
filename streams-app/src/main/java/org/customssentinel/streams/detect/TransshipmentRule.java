package org.customssentinel.streams.detect;

import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.customssentinel.avro.Alert;
import org.customssentinel.avro.AlertRule;
import org.customssentinel.avro.AlertStatus;
import org.customssentinel.avro.FlowWindow;
import org.customssentinel.avro.TradeFlow;
import org.customssentinel.avro.internal.FlowHistory;
import org.customssentinel.streams.flow.WindowSettings;

/**
 * TRANSSHIPMENT: controlled goods made in a coalition country, dispatched from a third country to a restricted
 * destination ({@link TransshipmentSettings}), worth at least {@code rules.transshipment.floor.usd} on one route
 * (origin, dispatch, destination, HS-6) in one window. A level, not a change: such a route should carry nothing, so
 * its first material window is the news. PROVISIONAL when the running value crosses the floor, FINAL when the window
 * closes; at most once per route per {@code rules.transshipment.repeat-windows}, so a route that stays busy reminds
 * ops once a quarter (by default) instead of every week.
 */
public final class TransshipmentRule implements WindowRule {

    private final TransshipmentSettings settings;
    private final WindowSettings windows;

    public TransshipmentRule(TransshipmentSettings settings, WindowSettings windows) {
        this.settings = settings;
        this.windows = windows;
    }

    @Override
    public AlertRule rule() {
        return AlertRule.TRANSSHIPMENT;
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
        history.setLastTransshipment(closed.window().getWindowStart());
        return Optional.of(alert(AlertStatus.FINAL, closed.window(), closed.goods(), closed));
    }

    @Override
    public Map<String, String> settingsUsed(Thresholds thresholds) {
        return Map.of("transshipment.floor.usd", RuleProperties.text(settings.floorUsd()),
                "transshipment.repeat-windows", String.valueOf(settings.repeatWindows()));
    }

    private boolean overFloor(FlowWindow window) {
        return window.getControlled() && window.getTotalValueUsd().compareTo(settings.floorUsd()) >= 0;
    }

    /** Fired on an earlier window less than the repeat interval ago (its own window's FINAL still follows its PROVISIONAL). */
    private boolean recentlyFired(FlowWindow window, FlowHistory history) {
        Instant last = history.getLastTransshipment();
        long start = window.getWindowStart().toEpochMilli();
        return last != null && last.toEpochMilli() < start && start - last.toEpochMilli() < settings.repeatWindows() * windows.sizeMs();
    }

    private Alert alert(AlertStatus status, FlowWindow window, String goods, ClosedWindow judged) {
        TradeFlow route = window.getFlow();
        String parties = window.getTopParties().stream().limit(3).map(p -> p.getName() + " " + Money.usd(p.getValueUsd()))
                .collect(Collectors.joining(", "));
        String summary = String.format(Locale.ROOT, "%s-made %s via %s to %s: %s in week of %s (floor %s), %d declaration%s%s",
                route.getOriginCountry(), AlertFactory.describeGoods(route.getHsCode(), goods, judged.lists()), route.getDispatchCountry(),
                route.getDestinationCountry(), Money.usd(window.getTotalValueUsd()), AlertFactory.weekOf(window), Money.usd(settings.floorUsd()),
                window.getDeclarationCount(), window.getDeclarationCount() == 1 ? "" : "s", parties.isEmpty() ? "" : "; exporters " + parties);
        return AlertFactory.windowAlert(rule(), status, window, judged.baseline(), judged.lists(), summary);
    }
}
