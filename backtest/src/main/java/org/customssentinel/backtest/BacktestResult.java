package org.customssentinel.backtest;

import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.customssentinel.avro.FlowWindow;

/**
 * What one setting raised over the input.
 *
 * @param declarations     declarations the validator accepted (the topology's input)
 * @param rejected         records rejected, by the validator or the topology
 * @param rejectedByReason every rejection, the validator's and the topology's (LATE, CONFLICTING_DUPLICATE), by reason
 * @param duplicates       declarations dropped as already counted (same id, same content)
 * @param alerts           every alert written, PROVISIONAL and FINAL, in the order written
 * @param windows          the latest figures of each window of the flows watched (labelled ones), by flow key
 */
public record BacktestResult(BacktestSetting setting, long declarations, long rejected, Map<String, Long> rejectedByReason, long duplicates,
                             List<FiredAlert> alerts, Map<String, List<FlowWindow>> windows, Duration elapsed) {

    public BacktestResult {
        rejectedByReason = Collections.unmodifiableMap(new TreeMap<>(rejectedByReason));
        alerts = List.copyOf(alerts);
        windows = Collections.unmodifiableMap(new TreeMap<>(windows));
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
