package org.customssentinel.cli.rules;

import java.util.Map;
import java.util.concurrent.Callable;

import org.customssentinel.streams.detect.RuleProperties;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** Publishes new values of rule settings. */
@Command(name = "set", mixinStandardHelpOptions = true,
        header = "Change rule settings in the running streams apps, saying who and why.",
        description = {"Validates every KEY=VALUE exactly as --config does (an unknown key or a bad value is refused",
                "before anything is published, exit code 2), then publishes each to customs.reference.rules.",
                "Give it the --config file the app runs with: changes are validated over its rules.* keys.",
                "Example: sentinel rules set rules.spike.ratio=8 rules.list.chpl.tier-1.floor.usd=50000 \\",
                "           --reason 'CHPL Tier 1 review, case 2026-114' --by j.smith"})
public final class SetRulesCommand implements Callable<Integer> {

    @Parameters(paramLabel = "KEY=VALUE", arity = "1..*", description = "Rule settings and their new values (rules.*).")
    Map<String, String> values;

    @Mixin
    RuleChanges changes;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        for (String key : values.keySet()) {
            if (!key.startsWith(RuleProperties.PREFIX)) {
                throw new CommandLine.ParameterException(spec.commandLine(), key + ": not a rule setting; only rules.* keys change at"
                        + " runtime (flows.* and classification.as-of shape the topology: restart the app with them in --config)");
            }
        }
        changes.publish(values, changes.options.topic().read(), spec);
        return 0;
    }
}
