package org.customssentinel.streams.topology;

import java.util.Map;

import org.customssentinel.streams.detect.RuleProperties;
import org.customssentinel.streams.detect.RuleSettings;
import org.customssentinel.streams.enrich.ClassificationMode;
import org.customssentinel.streams.flow.FlowProperties;

/**
 * The keys of a configuration file that shape the topology rather than its Kafka clients: {@code rules.*},
 * {@code flows.*} and {@code classification.as-of}. Read the same way by {@code sentinel streams} and
 * {@code sentinel backtest}, so a file tuned offline means the same live.
 */
public record TopologyProperties(RuleSettings rules, FlowProperties flows, ClassificationMode classificationMode) {

    public static final String CLASSIFICATION_AS_OF = "classification.as-of";

    /** Whether {@code key} is one of these settings (not a client property). */
    public static boolean isTopologyKey(String key) {
        return key.startsWith(RuleProperties.PREFIX) || key.startsWith(FlowProperties.PREFIX) || key.equals(CLASSIFICATION_AS_OF);
    }

    /** The settings of {@code configs}, each absent one at its default; other keys are left alone. A bad value names its key. */
    public static TopologyProperties parse(Map<String, ?> configs) {
        Object mode = configs.get(CLASSIFICATION_AS_OF);
        return new TopologyProperties(RuleProperties.apply(RuleSettings.defaults(), configs), FlowProperties.parse(configs),
                ClassificationMode.parse(mode == null ? "latest" : String.valueOf(mode)));
    }
}
