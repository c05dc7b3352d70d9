package org.customssentinel.cli.rules;

import java.io.PrintWriter;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.customssentinel.avro.RuleSetting;
import org.customssentinel.producer.reference.RulesTopic;
import org.customssentinel.streams.detect.RuleProperties;
import org.customssentinel.streams.detect.RuleSettings;

/**
 * Validates changes as the app will apply them (over its starting point, after the changes already on the topic) and
 * publishes them only if all of them are valid.
 */
final class RuleChanges {

    private RuleChanges() {
    }

    /**
     * @param values setting to new value, or to null for back to the starting point
     * @throws IllegalArgumentException naming the setting, before anything is published
     */
    static List<RuleSetting> publish(RuleOptions options, Map<String, String> values, String by, String reason, PrintWriter out) {
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("--reason must say why (it is kept with the change for the audit)");
        }
        RuleSettings starting = options.starting();
        RulesTopic topic = options.topic();
        Map<String, RulesTopic.Stored> current = topic.read();
        Map<String, String> overrides = new HashMap<>();
        current.forEach((key, stored) -> {
            if (stored.setting().getLatest().getValue() != null) {
                overrides.put(key, stored.setting().getLatest().getValue());
            }
        });
        Map<String, String> changes = new HashMap<>();
        values.forEach((key, value) -> {
            changes.put(key, value == null ? null : value.trim());
            if (value == null) {
                overrides.remove(key);
            } else {
                overrides.put(key, value.trim());
            }
        });
        RuleSettings after = RuleProperties.apply(starting, overrides);
        List<RuleSetting> published = topic.publish(changes, current, by, reason.trim(), Instant.now());
        Map<String, String> inForce = RuleProperties.describe(after);
        for (RuleSetting setting : published) {
            String value = inForce.get(setting.getSetting());
            out.printf("%s = %s%s%n", setting.getSetting(), value == null ? "(its list's)" : value,
                    setting.getLatest().getValue() == null ? " (back to its starting value)" : "");
        }
        out.printf("published %d change%s to %s by %s; running apps apply %s to the windows they judge from now on%n", published.size(),
                published.size() == 1 ? "" : "s", topic.name(), by, published.size() == 1 ? "it" : "them");
        out.flush();
        return published;
    }
}
