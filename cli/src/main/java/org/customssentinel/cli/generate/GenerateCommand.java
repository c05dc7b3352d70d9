package org.customssentinel.cli.generate;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.Callable;

import org.customssentinel.avro.Declaration;
import org.customssentinel.cli.ConnectionOptions;
import org.customssentinel.cli.TopicOptions;
import org.customssentinel.producer.generate.AnomalyLabel;
import org.customssentinel.producer.generate.AnomalyLabels;
import org.customssentinel.producer.generate.ScenarioGenerator;
import org.customssentinel.producer.generate.WideScenario;
import org.customssentinel.producer.publish.DeclarationPublisher;
import org.customssentinel.producer.publish.IngestRun;
import org.customssentinel.producer.publish.Preflight;
import org.customssentinel.producer.publish.ProgressReports;
import org.customssentinel.producer.publish.PublishConfig;
import org.customssentinel.producer.publish.Speed;
import org.customssentinel.producer.write.DeclarationWriter;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Synthetic, reproducible declarations: to a file to replay later, or straight to Kafka. */
@Command(name = "generate", mixinStandardHelpOptions = true,
        header = "Generate a seeded synthetic scenario into a file.",
        description = {"Generate a synthetic scenario, deterministic for a seed, into a file (.csv or .jsonl, optionally .gz)",
                "or straight onto customs.declarations. Scenarios:",
                "  chpl-surge  controlled goods into Russia 2021-2023: tenfold rises, new flows, short spikes; background trade",
                "  steady      the same flows held at their 2021 levels, no surge, no spike (the false-positive check)",
                "  wide        --declarations spread evenly over 2021-2022 and uniformly over --flows distinct flows (the scale benchmark)",
                "See docs/operations.md (Scenarios) for the published figures each follows."})
public final class GenerateCommand implements Callable<Integer> {

    private static final String WIDE = "wide";

    @Option(names = "--scenario", required = true, paramLabel = "NAME", description = "chpl-surge, steady or wide.")
    String scenario;

    @Option(names = "--seed", defaultValue = "42", description = "Random seed: the same seed gives the same declarations (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--from", paramLabel = "DATE", description = "First day (default: the scenario's, 2021-01-01).")
    LocalDate from;

    @Option(names = "--to", paramLabel = "DATE", description = "Last day, inclusive (default: the scenario's, 2023-12-31).")
    LocalDate to;

    @Option(names = "--scale", defaultValue = "1.0", paramLabel = "X",
            description = "Declaration count multiplier; values still follow the published totals (default: ${DEFAULT-VALUE}).")
    double scale;

    @Option(names = "--flows", paramLabel = "N", description = "wide only: distinct trade flows, 1 to 1,000,000 (default: 10,000).")
    Integer flows;

    @Option(names = "--declarations", paramLabel = "N", description = "wide only: how many declarations (default: 100,000).")
    Long declarations;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Target target;

    static final class Target {
        @Option(names = "--out", paramLabel = "FILE", description = "Write to FILE (.csv or .jsonl, .gz to compress).")
        Path out;

        @Option(names = "--publish", description = "Publish to Kafka instead of writing a file.")
        boolean publish;
    }

    @Option(names = "--labels", paramLabel = "FILE",
            description = "Also write the anomalies the scenario plants, one per line (.csv, or .json/.jsonl): flow, first and last "
                    + "window, the rules meant to catch it, what it is. The ground truth for `sentinel backtest --labels`.")
    Path labels;

    @Option(names = "--speed", defaultValue = "max", paramLabel = "max|Nx", description = "With --publish: replay pace (default: max).")
    String speed;

    @Mixin
    ConnectionOptions connection;

    @Mixin
    TopicOptions topics;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (scenario.equals(WIDE)) {
            return wide(out);
        }
        if (flows != null || declarations != null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--flows and --declarations are for --scenario wide only");
        }
        ScenarioGenerator generator = ScenarioGenerator.create(scenario, seed, from, to, scale);
        if (labels != null) {
            List<AnomalyLabel> planted = generator.labels();
            AnomalyLabels.write(labels, planted);
            out.printf("wrote %d labelled anomalies of scenario %s to %s%n", planted.size(), scenario, labels);
        }
        return emit(out, generator.declarations(), generator.estimatedCount());
    }

    private int wide(PrintWriter out) throws Exception {
        if (labels != null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--labels: the wide scenario plants no anomalies");
        }
        WideScenario wide = new WideScenario(seed, flows == null ? 10_000 : flows, declarations == null ? 100_000 : declarations,
                from == null ? WideScenario.defaultFrom() : from, to == null ? WideScenario.defaultTo() : to);
        return emit(out, wide.declarations(), wide.count());
    }

    private int emit(PrintWriter out, Iterator<Declaration> generated, double estimatedCount) throws Exception {
        if (target.out != null) {
            long count = 0;
            long items = 0;
            try (DeclarationWriter writer = DeclarationWriter.open(target.out)) {
                while (generated.hasNext()) {
                    Declaration declaration = generated.next();
                    writer.write(declaration);
                    count++;
                    items += declaration.getItems().size();
                }
            }
            out.printf("wrote %d declarations (%d items) of scenario %s (seed %d) to %s%n", count, items, scenario, seed, target.out);
            out.flush();
            return 0;
        }
        PublishConfig config = topics.publishConfig(connection.settings());
        Preflight.prepareDeclarationTopics(config);
        try (DeclarationPublisher publisher = new DeclarationPublisher(config)) {
            IngestRun run = new IngestRun(publisher, Speed.parse(speed), ProgressReports.forConsole("generate"), false, Clock.systemUTC());
            out.println(run.publish(generated, estimatedCount).line());
        }
        out.flush();
        return 0;
    }
}
