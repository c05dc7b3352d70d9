package org.customssentinel.cli.triage;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Ops' verdicts on alerts, as kept on customs.alerts.dispositions. */
@Command(name = "dispositions", mixinStandardHelpOptions = true,
        header = "List ops' verdicts on alerts, or export them as labels.",
        description = {"Verdicts are given on the dashboard or with `sentinel triage`, and kept on customs.alerts.dispositions",
                "(compacted, key: alert id, each record with the alert's earlier verdicts)."},
        subcommands = {ListDispositionsCommand.class, ExportDispositionsCommand.class})
public final class DispositionsCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
