package org.customssentinel.streams.detect;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.customssentinel.avro.Alert;
import org.customssentinel.avro.AlertStatus;
import org.customssentinel.avro.FlowWindow;
import org.customssentinel.avro.internal.FlowHistory;

/**
 * SPIKE: a window's value reaches {@code rules.spike.ratio} times the median of the flow's previous N window totals
 * (and at least {@code rules.floor.usd}); controlled goods only, unless {@code rules.scope=all}.
 */
public final class SpikeRule implements WindowRule {

    private final boolean allFlows;

    public SpikeRule(RuleSettings settings) {
        this.allFlows = settings.allFlows();
    }

    @Override
    public String id() {
        return "SPIKE";
    }

    @Override
    public String description() {
        return "a window reaches spike.ratio times the median of the flow's previous baseline.windows (from floor.usd)";
    }

    @Override
    public Optional<Alert> whileOpen(OpenWindow open) {
        // The median the window carries decides; the full baseline is read only for an alert, to explain it.
        if (!fires(open.window(), open.median(), open.thresholds())) {
            return Optional.empty();
        }
        Baseline baseline = open.baseline().get();
        return fires(open.window(), baseline.median(), open.thresholds())
                ? Optional.of(alert(AlertStatus.PROVISIONAL, open.withBaseline(baseline)))
                : Optional.empty();
    }

    @Override
    public Optional<Alert> whenClosed(ClosedWindow closed, FlowHistory history) {
        return fires(closed.window(), closed.baseline().median(), closed.thresholds())
                ? Optional.of(alert(AlertStatus.FINAL, closed)) : Optional.empty();
    }

    @Override
    public Map<String, String> settingsUsed(Thresholds thresholds) {
        Map<String, String> used = RuleProperties.thresholdKeys(thresholds);
        used.keySet().retainAll(Set.of("baseline.windows", "spike.ratio", "floor.usd"));
        used.put("scope", allFlows ? "all" : "controlled");
        return used;
    }

    private boolean fires(FlowWindow window, BigDecimal median, Thresholds thresholds) {
        BigDecimal current = window.getTotalValueUsd();
        return median.signum() > 0 && (allFlows || window.getControlled()) && current.compareTo(thresholds.floorUsd()) >= 0
                && current.compareTo(median.multiply(BigDecimal.valueOf(thresholds.spikeRatio()))) >= 0;
    }

    /** {@code judged}: the figures as they stand, open or closed. */
    private Alert alert(AlertStatus status, ClosedWindow judged) {
        FlowWindow window = judged.window();
        BigDecimal median = judged.baseline().median();
        String summary = String.format(Locale.ROOT, "%s: %s in week of %s, %.1f× the %d-week median %s",
                AlertFactory.describe(window.getFlow(), judged.goods(), judged.lists()), Money.usd(window.getTotalValueUsd()),
                AlertFactory.weekOf(window), AlertFactory.ratio(window.getTotalValueUsd(), median),
                judged.thresholds().baselineWindows(), Money.usd(median));
        return AlertFactory.windowAlert(id(), status, window, judged.baseline(), judged.lists(), summary);
    }
}
