package org.customssentinel.streams.detect;

import java.util.List;

import org.customssentinel.avro.FlowWindow;
import org.customssentinel.avro.ListReference;

/**
 * A closed window's final figures as a rule sees them.
 *
 * @param window     the final figures
 * @param lists      the control lists the window's goods matched
 * @param goods      what the goods are
 * @param thresholds the thresholds for those lists
 * @param baseline   the previous window totals the window is judged against
 */
public record ClosedWindow(FlowWindow window, List<ListReference> lists, String goods, Thresholds thresholds, Baseline baseline) {
}
