package org.customssentinel.streams.triage;

import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;

import org.customssentinel.avro.Disposition;

/**
 * Per rule, how ops judged its alerts: the verdicts in force on alerts whose first verdict fell in a period, and the
 * precision they measure, confirmed over confirmed and dismissed (alerts still being inspected are not judged yet).
 *
 * @param inspecting alerts held for inspection
 * @param confirmed  alerts confirmed
 * @param dismissed  alerts dismissed as false alarms
 */
public record RulePrecision(String rule, int inspecting, int confirmed, int dismissed) {

    /** Confirmed over judged; empty (NaN) while none is judged. */
    public double precision() {
        int judged = confirmed + dismissed;
        return judged == 0 ? Double.NaN : confirmed / (double) judged;
    }

    /** Every rule with at least one verdict on an alert first judged at or after {@code since}, by rule id. */
    public static Map<String, RulePrecision> of(Collection<Disposition> dispositions, Instant since) {
        Map<String, RulePrecision> byRule = new TreeMap<>();
        for (Disposition disposition : dispositions) {
            if (DispositionHistory.firstDecidedAt(disposition).isBefore(since)) {
                continue;
            }
            RulePrecision counted = byRule.getOrDefault(disposition.getRuleId(), new RulePrecision(disposition.getRuleId(), 0, 0, 0));
            byRule.put(disposition.getRuleId(), switch (disposition.getLatest().getVerdict()) {
                case INSPECTING -> new RulePrecision(counted.rule, counted.inspecting + 1, counted.confirmed, counted.dismissed);
                case CONFIRMED -> new RulePrecision(counted.rule, counted.inspecting, counted.confirmed + 1, counted.dismissed);
                case DISMISSED -> new RulePrecision(counted.rule, counted.inspecting, counted.confirmed, counted.dismissed + 1);
            });
        }
        return byRule;
    }
}
