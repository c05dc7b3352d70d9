package org.customssentinel.backtest;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.customssentinel.streams.detect.RuleProperties;
import org.customssentinel.streams.detect.RuleSettings;
import org.customssentinel.streams.enrich.ClassificationMode;
import org.customssentinel.streams.flow.FlowProperties;

/**
 * One set of the streams app's settings to replay under, as the keys of its configuration file: {@code rules.*},
 * {@code flows.*} and {@code classification.as-of}. Anything else (a Kafka client setting) has no meaning offline and
 * is an error, so a typo is not silently run as the defaults.
 *
 * @param varied the keys this setting varies from the base (its name in tables), in the order given
 */
public record BacktestSetting(Map<String, String> properties, Map<String, String> varied, RuleSettings rules, FlowProperties flows,
                              ClassificationMode classificationMode) {

    public static final String CLASSIFICATION_AS_OF = "classification.as-of";

    public BacktestSetting {
        properties = Collections.unmodifiableMap(new TreeMap<>(properties));
        varied = Collections.unmodifiableMap(new LinkedHashMap<>(varied));
    }

    /** The setting of {@code properties} (checked here, each bad key named), {@code varied} a subset naming it. */
    public static BacktestSetting of(Map<String, String> properties, Map<String, String> varied) {
        for (String key : properties.keySet()) {
            if (!key.startsWith(RuleProperties.PREFIX) && !key.startsWith(FlowProperties.PREFIX) && !key.equals(CLASSIFICATION_AS_OF)) {
                throw new IllegalArgumentException(key + ": not a setting of the backtest; it reads rules.*, flows.* and " + CLASSIFICATION_AS_OF);
            }
        }
        RuleSettings rules = RuleProperties.apply(RuleSettings.defaults(), properties);
        FlowProperties flows = FlowProperties.parse(properties);
        ClassificationMode mode = ClassificationMode.parse(properties.getOrDefault(CLASSIFICATION_AS_OF, "latest"));
        return new BacktestSetting(properties, varied, rules, flows, mode);
    }

    /** What tells this setting apart from the others of a run, e.g. {@code rules.spike.ratio=5 rules.baseline.windows=4}. */
    public String name() {
        return varied.isEmpty() ? "as configured"
                : varied.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(" "));
    }
}
