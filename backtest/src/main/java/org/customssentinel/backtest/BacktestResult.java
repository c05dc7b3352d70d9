package org.customssentinel.backtest;

import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.customssentinel.avro.FlowWindow;
import org.customssentinel.avro.RiskLane;

/**
 * What one setting raised over the input.
 *
 * @param declarations     declarations the validator accepted (the topology's input)
 * @param rejected         records rejected, by the validator or the topology
 * @param rejectedByReason every rejection, the validator's and the topology's (LATE, CONFLICTING_DUPLICATE), by reason
 * @param duplicates       declarations dropped as already counted (same id, same content)
 * @param alerts           every alert written, PROVISIONAL and FINAL, in the order written
 * @param windows          the latest figures of each window of the flows watched (labelled ones), by flow key
 * @param lanes            declarations scored into each risk lane, every lane present
 */
public record BacktestResult(BacktestSetting setting, long declarations, long rejected, Map<String, Long> rejectedByReason, long duplicates,
                             List<FiredAlert> alerts, Map<String, List<FlowWindow>> windows, Map<RiskLane, Long> lanes, Duration elapsed) {

    public BacktestResult {
        rejectedByReason = Collections.unmodifiableMap(new TreeMap<>(rejectedByReason));
        alerts = List.copyOf(alerts);
        windows = Collections.unmodifiableMap(new TreeMap<>(windows));
        Map<RiskLane, Long> every = new EnumMap<>(RiskLane.class);
        for (RiskLane lane : RiskLane.values()) {
            every.put(lane, lanes.getOrDefault(lane, 0L));
        }
        lanes = Collections.unmodifiableMap(every);
    }

    /** The share of scored declarations in {@code lane}, from 0 to 1; 0 when none was scored. */
    public double laneShare(RiskLane lane) {
        long scored = lanes.values().stream().mapToLong(Long::longValue).sum();
        return scored == 0 ? 0 : lanes.get(lane) / (double) scored;
    }

    public List<FiredAlert> finals() {
        return alerts.stream().filter(FiredAlert::isFinal).toList();
    }

    /** FINAL alerts counted by {@code key} (rule, severity), keys in order. */
    public Map<String, Long> finalsBy(Function<FiredAlert, String> key) {
        return finals().stream().collect(Collectors.groupingBy(key, TreeMap::new, Collectors.counting()));
    }

    public double declarationsPerSecond() {
        return declarations / Math.max(1e-9, elapsed.toNanos() / 1e9);
    }
}
