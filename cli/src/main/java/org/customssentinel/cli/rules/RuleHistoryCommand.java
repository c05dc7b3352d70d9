package org.customssentinel.cli.rules;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.customssentinel.avro.RuleChange;
import org.customssentinel.producer.reference.RulesTopic;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** Every change of the rule settings, oldest first. */
@Command(name = "history", mixinStandardHelpOptions = true,
        header = "Print the changes of rule settings made at runtime, oldest first.",
        description = {"Each change with the version it made (what alerts record as rulesVersion), when, the setting,",
                "its new value ('-' for back to the starting point), who and why. With KEY, only that setting's."})
public final class RuleHistoryCommand implements Callable<Integer> {

    @Parameters(paramLabel = "KEY", arity = "0..1", description = "Only this setting's changes, e.g. rules.spike.ratio.")
    String key;

    @Mixin
    RuleOptions options;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private record Entry(String setting, RuleChange change) {
    }

    @Override
    public Integer call() {
        Map<String, RulesTopic.Stored> changed = options.topic().read();
        if (key != null && !changed.containsKey(key)) {
            spec.commandLine().getOut().println(key + ": never changed at runtime");
            spec.commandLine().getOut().flush();
            return 0;
        }
        List<Entry> entries = new ArrayList<>();
        changed.forEach((setting, stored) -> {
            if (key == null || key.equals(setting)) {
                stored.changes().forEach(change -> entries.add(new Entry(setting, change)));
            }
        });
        entries.sort(Comparator.comparing((Entry e) -> e.change().getVersion() == null ? Long.MAX_VALUE : e.change().getVersion())
                .thenComparing(e -> e.change().getChangedAt()));
        PrintWriter out = spec.commandLine().getOut();
        if (entries.isEmpty()) {
            out.println("no rule setting was changed at runtime on " + options.names().rules());
        } else {
            int width = entries.stream().mapToInt(e -> e.setting().length()).max().orElse(10) + 2;
            out.printf("%-9s%-26s%-" + width + "s%-16s%-14s%s%n", "VERSION", "CHANGED AT", "SETTING", "VALUE", "BY", "REASON");
            for (Entry e : entries) {
                RuleChange c = e.change();
                out.printf("%-9s%-26s%-" + width + "s%-16s%-14s%s%n", c.getVersion() == null ? "?" : c.getVersion(), c.getChangedAt(),
                        e.setting(), c.getValue() == null ? "-" : c.getValue(), c.getChangedBy(), c.getReason());
            }
        }
        out.flush();
        return 0;
    }
}
