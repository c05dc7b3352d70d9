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
import picocli.CommandLine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * What {@code rules set} and {@code rules unset} share: who and why, and publishing. Changes are validated as the app
 * will apply them (over its starting point, after the changes already on the topic) and published only if all are valid.
 */
public final class RuleChanges {

    @Option(names = "--reason", required = true, paramLabel = "TEXT", description = "Why: kept with the change for the audit.")
    String reason;

    @Option(names = "--by", paramLabel = "NAME", defaultValue = "${env:USER:-unknown}",
            description = "Who makes the change (default: the user name, ${DEFAULT-VALUE}).")
    String by;

    @Mixin
    RuleOptions options;

    /**
     * @param values  setting to new value, or to null for back to the starting point
     * @param current what the rules topic holds, as {@link RulesTopic#read()} gave it
     * @throws CommandLine.ParameterException naming the setting, before anything is published
     */
    List<RuleSetting> publish(Map<String, String> values, Map<String, RulesTopic.Stored> current, CommandLine.Model.CommandSpec spec) {
        try {
            return publish(values, current, spec.commandLine().getOut());
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "invalid setting: " + e.getMessage() + "; nothing published");
        }
    }

    private List<RuleSetting> publish(Map<String, String> values, Map<String, RulesTopic.Stored> current, PrintWriter out) {
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("--reason must say why (it is kept with the change for the audit)");
        }
        RuleSettings starting = options.starting();
        RulesTopic topic = options.topic();
        Map<String, String> overrides = new HashMap<>(RulesTopic.overrides(current));
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
