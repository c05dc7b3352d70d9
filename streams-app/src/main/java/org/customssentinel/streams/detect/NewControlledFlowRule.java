package org.customssentinel.streams.detect;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.customssentinel.avro.Alert;
import org.customssentinel.avro.AlertStatus;
import org.customssentinel.avro.FlowWindow;
import org.customssentinel.avro.internal.FlowHistory;

/**
 * NEW_CONTROLLED_FLOW: controlled goods worth at least {@code rules.floor.usd} in a window of a flow that had nothing
 * in the previous N windows (a baseline median of zero).
 */
public final class NewControlledFlowRule implements WindowRule {

    @Override
    public String id() {
        return "NEW_CONTROLLED_FLOW";
    }

    @Override
    public String label() {
        return "NEW";
    }

    @Override
    public String description() {
        return "controlled goods from floor.usd in a window of a flow with nothing in its previous baseline.windows";
    }

    @Override
    public Optional<Alert> whileOpen(OpenWindow open) {
        if (!fires(open.window(), open.thresholds()) || open.median().signum() != 0) {
            return Optional.empty();
        }
        Baseline baseline = open.baseline().get();
        return baseline.median().signum() == 0
                ? Optional.of(alert(AlertStatus.PROVISIONAL, open.withBaseline(baseline)))
                : Optional.empty();
    }

    @Override
    public Optional<Alert> whenClosed(ClosedWindow closed, FlowHistory history) {
        return fires(closed.window(), closed.thresholds()) && closed.baseline().median().signum() == 0
                ? Optional.of(alert(AlertStatus.FINAL, closed)) : Optional.empty();
    }

    @Override
    public Map<String, String> settingsUsed(Thresholds thresholds) {
        return Map.of("floor.usd", RuleProperties.text(thresholds.floorUsd()));
    }

    private static boolean fires(FlowWindow window, Thresholds thresholds) {
        return window.getControlled() && window.getTotalValueUsd().compareTo(thresholds.floorUsd()) >= 0;
    }

    private Alert alert(AlertStatus status, ClosedWindow judged) {
        FlowWindow window = judged.window();
        String summary = String.format(Locale.ROOT, "%s: %s in week of %s, a new flow (nothing in the previous %d weeks)",
                AlertFactory.describe(window.getFlow(), judged.goods(), judged.lists()), Money.usd(window.getTotalValueUsd()),
                AlertFactory.weekOf(window), judged.thresholds().baselineWindows());
        return AlertFactory.windowAlert(id(), status, window, judged.baseline(), judged.lists(), summary);
    }
}
