package org.customssentinel.backtest;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.customssentinel.streams.detect.RuleSettings;
import org.customssentinel.streams.enrich.ClassificationMode;
import org.customssentinel.streams.flow.FlowProperties;
import org.customssentinel.streams.topology.TopologyProperties;

/**
 * One set of the streams app's settings to replay under, as the keys of its configuration file that shape the topology
 * ({@link TopologyProperties}). Anything else (a Kafka client setting) has no meaning offline and is an error, so a
 * typo is not silently run as the defaults.
 *
 * @param varied the keys this setting varies from the base (its name in tables), in the order given
 */
public record BacktestSetting(Map<String, String> properties, Map<String, String> varied, TopologyProperties topology) {

    public BacktestSetting {
        properties = Collections.unmodifiableMap(new TreeMap<>(properties));
        varied = Collections.unmodifiableMap(new LinkedHashMap<>(varied));
    }

    /** The setting of {@code properties} (checked here, each bad key named), {@code varied} a subset naming it. */
    public static BacktestSetting of(Map<String, String> properties, Map<String, String> varied) {
        for (String key : properties.keySet()) {
            if (!TopologyProperties.isTopologyKey(key)) {
                throw new IllegalArgumentException(key + ": not a setting of the backtest; it reads rules.*, flows.* and "
                        + TopologyProperties.CLASSIFICATION_AS_OF);
            }
        }
        return new BacktestSetting(properties, varied, TopologyProperties.parse(properties));
    }

    public RuleSettings rules() {
        return topology.rules();
    }

    public FlowProperties flows() {
        return topology.flows();
    }

    public ClassificationMode classificationMode() {
        return topology.classificationMode();
    }

    /** What tells this setting apart from the others of a run, e.g. {@code rules.spike.ratio=5 rules.baseline.windows=4}. */
    public String name() {
        return varied.isEmpty() ? "as configured"
                : varied.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(" "));
    }
}
