package org.customssentinel.streams.detect;

import java.util.Map;
import java.util.Optional;

import org.customssentinel.avro.Alert;
import org.customssentinel.avro.internal.FlowHistory;

/**
 * A rule judged on one flow's event-time windows. The detector calls it with the running figures after every change
 * to an open window (a PROVISIONAL alert, raised once per window and rule) and with the final figures when the
 * window closes (a FINAL alert). It is called only past the warm-up and, while open, only once the windows before
 * have closed; the rule decides the rest.
 */
public interface WindowRule extends Rule {

    /** Whether it judges routes (origin, dispatch, destination, HS-6) rather than trade flows. */
    default boolean onRoutes() {
        return false;
    }

    /** The PROVISIONAL alert the open window's running figures raise, if any. */
    default Optional<Alert> whileOpen(OpenWindow window) {
        return Optional.empty();
    }

    /**
     * Keeps what the rule needs of a closed window in its memory of the flow ({@link RuleMemory}), whether or not the
     * app is past its warm-up. {@code history} already holds the window's total.
     */
    default void remember(ClosedWindow window, FlowHistory history) {
    }

    /** The FINAL alert the closed window raises, if any. */
    Optional<Alert> whenClosed(ClosedWindow window, FlowHistory history);

    /**
     * The settings this rule judged by with these thresholds, named as {@code --config} names them without
     * {@code rules.}: what an alert records, so an audit can say why it fired.
     */
    Map<String, String> settingsUsed(Thresholds thresholds);

    /** How many closed windows before the current one the rule reads from the flow's history. */
    default long historyWindows() {
        return 0;
    }
}
