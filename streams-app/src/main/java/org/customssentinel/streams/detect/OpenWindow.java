package org.customssentinel.streams.detect;

import java.math.BigDecimal;
import java.util.List;
import java.util.function.Supplier;

import org.customssentinel.avro.FlowWindow;
import org.customssentinel.avro.ListReference;
import org.customssentinel.avro.internal.FlowHistory;

/**
 * An open window's running figures as a rule sees them.
 *
 * @param window     the figures; its {@code baselineValueUsd} is the current baseline median
 * @param lists      the control lists the window's goods matched
 * @param goods      what the goods are
 * @param thresholds the thresholds for those lists
 * @param baseline   the full baseline (each previous window total), read from the flow's history only when asked
 * @param history    the flow's closed windows as the rules remembered them, read only when asked
 */
public record OpenWindow(FlowWindow window, List<ListReference> lists, String goods, Thresholds thresholds,
                         Supplier<Baseline> baseline, Supplier<FlowHistory> history) {

    /** The baseline median the window carries: cheap, for a first look before the full baseline is read. */
    public BigDecimal median() {
        return window.getBaselineValueUsd();
    }

    /** These running figures with the full baseline, as an alert is built from them. */
    ClosedWindow withBaseline(Baseline full) {
        return new ClosedWindow(window, lists, goods, thresholds, full);
    }
}
