package org.customssentinel.cli.backtest;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.Callable;

import org.customssentinel.avro.Alert;
import org.customssentinel.backtest.AlertDiff;
import org.customssentinel.backtest.BacktestInput;
import org.customssentinel.backtest.BacktestRun;
import org.customssentinel.backtest.BacktestSetting;
import org.customssentinel.backtest.FiredAlert;
import org.customssentinel.backtest.ReferenceData;
import org.customssentinel.backtest.ResultsJson;
import org.customssentinel.backtest.SettingGrid;
import org.customssentinel.backtest.SettingsTable;
import org.customssentinel.backtest.report.BacktestReport;
import org.customssentinel.cli.OutputFormat;
import org.customssentinel.cli.ReferenceOptions;
import org.customssentinel.producer.reference.Watchlist;
import org.customssentinel.cli.alerts.AlertTable;
import org.customssentinel.producer.generate.AnomalyLabel;
import org.customssentinel.producer.generate.AnomalyLabels;
import org.customssentinel.producer.publish.ProgressReports;
import org.customssentinel.schemas.json.AvroJson;
import org.customssentinel.streams.topology.TopologyProperties;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The streams app's topology over declaration files, offline: what rules would raise, under one setting or a grid. */
@Command(name = "backtest", mixinStandardHelpOptions = true, sortOptions = false,
        header = "Replay declaration files offline and score rule settings.",
        description = {"Reads CSV or JSON Lines files (.gz too) as `produce` would (same validator, same rejections) and runs them",
                "through the streams app's own processors and stores in-process (called directly, an in-memory schema",
                "registry): no broker, no registry, no state left behind. Its FINAL alerts are those the live pipeline raises",
                "on the same input, reference data and settings, on an input topic of --partitions partitions.",
                "",
                "One setting prints the alerts (as `alerts` does) and a summary line; --grid runs every combination of the",
                "values given, in parallel, and prints one line per setting; --compare prints what rule set B adds to and",
                "removes from A's FINAL alerts. With --labels (see `generate --labels`) each setting is scored: precision,",
                "recall, detection delay; docs/backtest.md says how alerts are matched to labels.",
                "",
                "Example:",
                "  sentinel generate --scenario chpl-surge --labels labels.csv --out s.csv.gz",
                "  sentinel backtest s.csv.gz --labels labels.csv \\",
                "      --set rules.surge.reference=2021-01-01/2022-02-24 \\",
                "      --grid rules.spike.ratio=5,10,15 --report r.html",
                ""})
public final class BacktestCommand implements Callable<Integer> {

    @Parameters(paramLabel = "FILE", arity = "1..*", description = "Declaration files: .csv, .jsonl or .ndjson, optionally .gz; read in the order given.")
    List<Path> files = new ArrayList<>();

    @Option(names = "--config", paramLabel = "FILE",
            description = "A properties file of rules.*, flows.* and classification.as-of keys, as the streams app reads (other keys are an error).")
    Path config;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "One setting over --config, e.g. rules.spike.ratio=8; repeatable.")
    List<String> sets = new ArrayList<>();

    @Option(names = "--grid", paramLabel = "KEY=V1,V2,...",
            description = "Run every value of KEY; repeat for a grid of every combination, e.g. --grid rules.spike.ratio=5,10 --grid rules.baseline.windows=4,8.")
    List<String> grid = new ArrayList<>();

    @Option(names = "--compare", arity = "2", paramLabel = "FILE",
            description = "Two properties files A and B (each over --config and --set): print the FINAL alerts B adds (+), removes (-) and changes (~) against A.")
    List<Path> compare = new ArrayList<>();

    @Option(names = "--labels", paramLabel = "FILE", description = "Labelled anomalies (.csv or .json/.jsonl, as `generate --labels` writes), or ops' verdicts (as `dispositions export` writes): score each setting.")
    Path labelsFile;

    @Option(names = "--report", paramLabel = "FILE", description = "Write a self-contained HTML report (settings, precision/recall chart, each labelled flow, alerts per month).")
    Path report;

    @Option(names = "--json", paramLabel = "FILE", description = "Write every figure as JSON, for tooling.")
    Path json;

    @Mixin
    ReferenceOptions reference;

    @Option(names = "--classification-as-of", paramLabel = "latest|declaration-date",
            description = "Which classification entries apply (default: latest, or the configuration's classification.as-of).")
    String classificationAsOf;

    @Option(names = "--partitions", defaultValue = "6", paramLabel = "N",
            description = "Partitions of the live input topic to match: LATE and window closing are decided per partition (default: ${DEFAULT-VALUE}, as `produce` creates it).")
    int partitions;

    @Option(names = "--threads", paramLabel = "N", description = "Settings run at once (default: the machine's cores).")
    Integer threads;

    @Option(names = "--format", defaultValue = "table", paramLabel = "table|json",
            description = "table (default): alerts and summary lines; json: the --json document on stdout, with each setting's alert records.")
    String format;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        boolean asJson;
        try {
            asJson = OutputFormat.parse(format) == OutputFormat.JSON;
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
        if (!compare.isEmpty() && !grid.isEmpty()) {
            throw usage("--compare and --grid do not go together: compare two rule sets, or run a grid");
        }
        if (partitions < 1) {
            throw usage("--partitions must be at least 1, was " + partitions);
        }
        for (Path file : files) {
            if (!Files.isRegularFile(file)) {
                throw new NoSuchFileException(file.toString());
            }
        }
        Map<String, String> base = base();
        List<BacktestSetting> settings;
        try {
            settings = compare.isEmpty() ? grid.stream().reduce(new SettingGrid(base), SettingGrid::axis, (a, b) -> a).settings()
                    : List.of(comparing(base, compare.get(0)), comparing(base, compare.get(1)));
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
        List<AnomalyLabel> labels = labelsFile == null ? List.of() : AnomalyLabels.read(labelsFile);
        List<Watchlist> watchlists = reference.watchlists();
        ReferenceData referenceData = new ReferenceData(reference.classifications(), ReferenceOptions.entries(watchlists));
        int threadCount = threads != null ? threads : Runtime.getRuntime().availableProcessors();
        if (threadCount < 1) {
            throw usage("--threads must be at least 1, was " + threadCount);
        }

        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        err.println(ReferenceOptions.inForce(referenceData.classifications(), watchlists));
        BacktestInput input = BacktestInput.read(files, Clock.systemUTC(), ProgressReports.forConsole("reading"));
        err.printf("backtest: %,d declarations from %s (%,d rejected by the validator), %d input partition(s), %d setting(s) on %d thread(s)%n",
                input.declarations().size(), String.join(", ", files.stream().map(Path::toString).toList()), input.rejected(), partitions,
                settings.size(), Math.min(threadCount, settings.size()));
        err.flush();
        BacktestRun run = BacktestRun.of(files.stream().map(Path::toString).toList(), input, referenceData, partitions, settings, labels,
                labelsFile != null, threadCount, ProgressReports.forWork("backtest", "declarations (all settings)"));

        if (json != null) {
            Files.writeString(json, ResultsJson.of(run, false));
        }
        if (report != null) {
            Files.writeString(report, BacktestReport.html(run));
        }
        if (asJson) {
            out.println(ResultsJson.of(run, true));
        } else {
            if (!compare.isEmpty()) {
                printDiff(out, AlertDiff.between(run.results().get(0).result(), run.results().get(1).result()));
            } else if (settings.size() == 1) {
                out.println(AlertTable.header());
                for (FiredAlert alert : run.results().get(0).result().alerts()) {
                    out.println(AlertTable.row(alert.alert()));
                }
                out.println();
            }
            SettingsTable.lines(run).forEach(out::println);
        }
        if (json != null) {
            err.println("backtest: figures written to " + json);
        }
        if (report != null) {
            err.println("backtest: report written to " + report);
        }
        out.flush();
        err.flush();
        return 0;
    }

    private void printDiff(PrintWriter out, AlertDiff diff) {
        out.printf("B (%s) against A (%s): %d FINAL alerts added, %d removed, %d changed%n", compare.get(1), compare.get(0),
                diff.added().size(), diff.removed().size(), diff.changed().size());
        for (Alert alert : diff.added()) {
            out.println("+ " + AlertTable.row(alert));
        }
        for (Alert alert : diff.removed()) {
            out.println("- " + AlertTable.row(alert));
        }
        for (Alert[] pair : diff.changed()) {
            out.println("~ " + AlertTable.row(pair[1]) + "  (was: " + pair[0].getSeverity() + ", " + pair[0].getSummary() + ")");
        }
        out.println();
    }

    /** --config, then every --set, then --classification-as-of: later wins. */
    private Map<String, String> base() throws IOException {
        Map<String, String> base = new LinkedHashMap<>();
        if (config != null) {
            base.putAll(properties(config));
        }
        for (String set : sets) {
            int equals = set.indexOf('=');
            if (equals <= 0) {
                throw usage("--set " + set + ": expected KEY=VALUE");
            }
            base.put(set.substring(0, equals).trim(), set.substring(equals + 1).trim());
        }
        if (classificationAsOf != null) {
            base.put(TopologyProperties.CLASSIFICATION_AS_OF, classificationAsOf);
        }
        return base;
    }

    private BacktestSetting comparing(Map<String, String> base, Path file) throws IOException {
        Map<String, String> properties = new LinkedHashMap<>(base);
        properties.putAll(properties(file));
        return BacktestSetting.of(properties, Map.of("rules", file.getFileName().toString()));
    }

    private static Map<String, String> properties(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString());
        }
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(file)) {
            properties.load(in);
        }
        Map<String, String> map = new TreeMap<>();
        properties.stringPropertyNames().forEach(key -> map.put(key, properties.getProperty(key).trim()));
        return map;
    }

    private CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }
}
