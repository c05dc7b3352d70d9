package org.customssentinel.streams.risk;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.customssentinel.avro.RiskLane;

/**
 * How a declaration's indicators add up to a score, and where the lanes start.
 *
 * @param weights      indicator to the points it adds ({@link #INDICATORS}): {@code rules.risk.weight.<indicator>}
 * @param yellow       the least score of the YELLOW lane ({@code rules.risk.lane.yellow})
 * @param orange       ORANGE from here
 * @param red          RED from here
 * @param alertWindows a flow's alert counts for declarations up to this many windows after the alert's window
 */
public record RiskSettings(Map<String, Integer> weights, int yellow, int orange, int red, int alertWindows) {

    /**
     * The indicators, by name: the highest list tier of the goods (CHPL tiers 1-4, another list's listed goods, a
     * candidate correlation only), a watch-listed party, a transshipment route, a flow or route with an alert, an
     * exporter raised as a NEW_TRADER.
     */
    public static final List<String> INDICATORS = List.of("tier-1", "tier-2", "tier-3", "tier-4", "listed", "candidate", "watchlist",
            "route", "alert", "new-trader");

    public RiskSettings {
        weights = Map.copyOf(weights);
        if (!weights.keySet().equals(Set.copyOf(INDICATORS))) {
            throw new IllegalArgumentException("risk weights must name exactly " + INDICATORS + ", were " + new TreeMap<>(weights).keySet());
        }
        if (weights.values().stream().anyMatch(w -> w < 0)) {
            throw new IllegalArgumentException("risk weights cannot be negative");
        }
        if (!(0 < yellow && yellow <= orange && orange <= red)) {
            throw new IllegalArgumentException("lane cut-offs must rise: 0 < yellow (" + yellow + ") <= orange (" + orange + ") <= red (" + red + ")");
        }
        if (alertWindows < 1) {
            throw new IllegalArgumentException("alert windows must be at least 1, was " + alertWindows);
        }
    }

    /**
     * CHPL Tier 1 goods alone are YELLOW; with their flow under an alert, or from a new trader, ORANGE; coalition-made
     * on a transshipment route, or to a watch-listed party, RED.
     */
    public static RiskSettings defaults() {
        Map<String, Integer> weights = Map.of("tier-1", 40, "tier-2", 30, "tier-3", 20, "tier-4", 10, "listed", 30, "candidate", 10,
                "watchlist", 60, "route", 30, "alert", 25, "new-trader", 25);
        return new RiskSettings(weights, 20, 45, 70, 13);
    }

    public int weight(String indicator) {
        return weights.get(indicator);
    }

    public RiskLane laneOf(int score) {
        return score >= red ? RiskLane.RED : score >= orange ? RiskLane.ORANGE : score >= yellow ? RiskLane.YELLOW : RiskLane.GREEN;
    }

    public RiskSettings withWeight(String indicator, int weight) {
        if (!INDICATORS.contains(indicator)) {
            throw new IllegalArgumentException("no risk indicator '" + indicator + "'; expected one of " + String.join(", ", INDICATORS));
        }
        Map<String, Integer> changed = new TreeMap<>(weights);
        changed.put(indicator, weight);
        return new RiskSettings(changed, yellow, orange, red, alertWindows);
    }

    public RiskSettings withAlertWindows(int windows) {
        return new RiskSettings(weights, yellow, orange, red, windows);
    }
}
