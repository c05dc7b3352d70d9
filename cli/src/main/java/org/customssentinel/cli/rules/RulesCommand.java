package org.customssentinel.cli.rules;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The rules topic's commands: change settings at runtime, show those in force, show their history. */
@Command(name = "rules", mixinStandardHelpOptions = true,
        header = "Change rule settings at runtime; show them and their history.",
        description = {"Rule settings (every rules.* key --config takes; see docs/rules.md) live on the compacted topic",
                "customs.reference.rules, each change with who made it, why and when. A running streams app applies a",
                "change to every window it judges after reading it, without a restart; its --config stays the starting",
                "point. Every alert records the rules version it was judged under (rulesVersion) and the settings it used",
                "(rulesApplied)."},
        commandListHeading = "%nCommands:%n",
        subcommands = {SetRulesCommand.class, UnsetRulesCommand.class, ShowRulesCommand.class, RuleHistoryCommand.class})
public final class RulesCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing a command: set, unset, show or history");
    }
}
