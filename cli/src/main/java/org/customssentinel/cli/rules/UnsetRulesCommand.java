package org.customssentinel.cli.rules;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.customssentinel.producer.reference.RulesTopic;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** Takes runtime changes back: the settings return to the app's starting point. */
@Command(name = "unset", mixinStandardHelpOptions = true,
        header = "Return rule settings to the app's starting point (its --config, else the default).",
        description = {"Publishes, for each KEY changed on customs.reference.rules, a change back to the starting point;",
                "the history keeps both. A KEY that was never changed at runtime is refused (exit code 2)."})
public final class UnsetRulesCommand implements Callable<Integer> {

    @Parameters(paramLabel = "KEY", arity = "1..*", description = "Rule settings to return to their starting values.")
    List<String> keys;

    @Mixin
    RuleChanges changes;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        Map<String, RulesTopic.Stored> current = changes.options.topic().read();
        Map<String, String> values = new LinkedHashMap<>();
        for (String key : keys) {
            RulesTopic.Stored stored = current.get(key);
            if (stored == null || stored.setting().getLatest().getValue() == null) {
                throw new CommandLine.ParameterException(spec.commandLine(), key + ": not changed at runtime, nothing to unset"
                        + " ('sentinel rules show' lists what is)");
            }
            values.put(key, null);
        }
        changes.publish(values, current, spec);
        return 0;
    }
}
