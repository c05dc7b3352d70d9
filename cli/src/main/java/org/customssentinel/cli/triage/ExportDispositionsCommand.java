package org.customssentinel.cli.triage;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.customssentinel.avro.Disposition;
import org.customssentinel.avro.Verdict;
import org.customssentinel.producer.generate.AnomalyLabel;
import org.customssentinel.producer.generate.AnomalyLabels;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Ops' verdicts as the labels {@code backtest --labels} reads. */
@Command(name = "export", mixinStandardHelpOptions = true,
        header = "Write confirmed and dismissed alerts as backtest labels.",
        description = {"A confirmed alert becomes a case to catch, a dismissed one a known false positive, each on the alert's flow",
                "over the weeks of its window (column verdict: CONFIRMED or DISMISSED). Alerts still INSPECTING are left out.",
                "Scored against these labels, precision is over the alerts ops judged, and the report lists the confirmed",
                "cases a setting would no longer raise. CSV, or JSON Lines for .json/.jsonl/.ndjson, as `generate --labels`."})
public final class ExportDispositionsCommand implements Callable<Integer> {

    @Option(names = "--labels", required = true, paramLabel = "FILE", description = "The label file to write (replaced if it exists).")
    Path labels;

    @Mixin
    DispositionSource source;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        Map<String, Disposition> latest = source.read();
        List<AnomalyLabel> written = DispositionLabels.of(latest.values());
        AnomalyLabels.write(labels, written);
        long inspecting = latest.values().stream().filter(d -> d.getLatest().getVerdict() == Verdict.INSPECTING).count();
        long confirmed = written.stream().filter(l -> l.verdict() == AnomalyLabel.Verdict.CONFIRMED).count();
        PrintWriter out = spec.commandLine().getOut();
        out.printf("wrote %d label(s) to %s: %d confirmed, %d dismissed; %d alert(s) still inspecting left out%n", written.size(), labels,
                confirmed, written.size() - confirmed, inspecting);
        out.flush();
        return 0;
    }
}
