package org.customssentinel.cli.triage;

import java.io.PrintWriter;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.customssentinel.avro.Disposition;
import org.customssentinel.avro.VerdictChange;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Each alert's verdict in force, newest first. */
@Command(name = "list", mixinStandardHelpOptions = true,
        header = "Print each judged alert's verdict in force, newest first.",
        description = {"One line per alert: when, the verdict, who, the rule and flow, the note. --history adds the earlier verdicts."})
public final class ListDispositionsCommand implements Callable<Integer> {

    @Mixin
    DispositionSource source;

    @Option(names = "--history", description = "Also print each alert's earlier verdicts, indented.")
    boolean history;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        Map<String, Disposition> latest = source.read();
        PrintWriter out = spec.commandLine().getOut();
        if (latest.isEmpty()) {
            out.println("no alert has a verdict on " + source.topic());
        } else {
            out.printf("%-25s%-12s%-16s%-34s%-22s%-28s%s%n", "DECIDED AT", "VERDICT", "BY", "ALERT", "RULE", "FLOW", "NOTE");
            List<Disposition> ordered = latest.values().stream()
                    .sorted(Comparator.comparing((Disposition d) -> d.getLatest().getDecidedAt()).reversed()).toList();
            for (Disposition d : ordered) {
                print(out, d, d.getLatest(), "");
                if (history) {
                    for (int i = d.getEarlier().size() - 1; i >= 0; i--) {
                        print(out, d, d.getEarlier().get(i), "  ");
                    }
                }
            }
        }
        out.flush();
        return 0;
    }

    private static void print(PrintWriter out, Disposition d, VerdictChange change, String indent) {
        String flow = d.getFlow().getDispatchCountry() + "→" + d.getFlow().getDestinationCountry() + " " + d.getFlow().getHsCode()
                + (d.getFlow().getOriginCountry() == null ? "" : " (origin " + d.getFlow().getOriginCountry() + ")");
        out.printf("%-25s%-12s%-16s%-34s%-22s%-28s%s%n", indent + change.getDecidedAt(), change.getVerdict(), change.getDecidedBy(),
                d.getAlertId(), d.getRuleId(), flow, change.getNote().replaceAll("\\s+", " "));
    }
}
