package org.customssentinel.cli.rules;

import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;

import org.customssentinel.avro.RuleChange;
import org.customssentinel.producer.reference.RulesTopic;
import org.customssentinel.streams.detect.RuleProperties;
import org.customssentinel.streams.detect.RuleSettings;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** The settings in force, each with where its value comes from. */
@Command(name = "show", mixinStandardHelpOptions = true,
        header = "Print the rule settings in force and where each comes from.",
        description = {"Each setting with its value and origin: 'default', 'config' (the --config file, which should be",
                "the app's), 'list' (a list's setting taken from the general one when the list was configured) or",
                "'topic' (changed at runtime: with the version, who, when and why). The version is what alerts record",
                "as rulesVersion."})
public final class ShowRulesCommand implements Callable<Integer> {

    @Mixin
    RuleOptions options;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        RuleSettings starting = options.starting();
        Map<String, String> configured = options.configured();
        Map<String, RulesTopic.Stored> changed = options.topic().read();
        Map<String, String> overrides = RulesTopic.overrides(changed);
        long version = changed.values().stream().mapToLong(RulesTopic.Stored::version).max().orElse(0);
        Map<String, String> inForce;
        try {
            inForce = RuleProperties.describe(RuleProperties.apply(starting, overrides));
        } catch (IllegalArgumentException e) {
            // The app refuses such a record and keeps what it had; say so rather than show settings nobody runs.
            spec.commandLine().getErr().println("sentinel rules show: the topic holds a change the app refuses: " + e.getMessage());
            inForce = RuleProperties.describe(starting);
        }
        PrintWriter out = spec.commandLine().getOut();
        int width = inForce.keySet().stream().mapToInt(String::length).max().orElse(10) + 2;
        out.printf("rules version %d (%s)%n", version, version == 0 ? "no change on " + options.names().rules()
                : "the latest change on " + options.names().rules());
        out.printf("%-" + width + "s%-22s%s%n", "SETTING", "VALUE", "ORIGIN");
        for (Map.Entry<String, String> setting : inForce.entrySet()) {
            String key = setting.getKey();
            RulesTopic.Stored stored = changed.get(key);
            String origin;
            if (overrides.containsKey(key)) {
                RuleChange latest = stored.setting().getLatest();
                origin = String.format("topic, version %d, %s by %s: %s", stored.version(), latest.getChangedAt(), latest.getChangedBy(),
                        latest.getReason());
            } else if (configured.containsKey(key)) {
                origin = "config";
            } else if (key.startsWith("rules.list.")) {
                origin = "list";
            } else {
                origin = "default";
            }
            out.printf("%-" + width + "s%-22s%s%n", key, setting.getValue(), origin);
        }
        out.flush();
        return 0;
    }
}
