package org.customssentinel.cli.produce;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;

import org.customssentinel.cli.ConnectionOptions;
import org.customssentinel.cli.TopicOptions;
import org.customssentinel.producer.publish.DeclarationPublisher;
import org.customssentinel.producer.publish.IngestRun;
import org.customssentinel.producer.publish.Preflight;
import org.customssentinel.producer.publish.ProgressReports;
import org.customssentinel.producer.publish.PublishConfig;
import org.customssentinel.producer.publish.Speed;
import org.customssentinel.producer.read.DeclarationReader;
import org.customssentinel.producer.read.SourceFiles;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Publishes declarations from CSV or JSON Lines files, event time preserved, rejects kept with their reasons. */
@Command(name = "produce", mixinStandardHelpOptions = true,
        header = "Validate declaration files and publish them to Kafka.",
        description = {"Validate declarations from CSV or JSON Lines files (.gz read transparently) and publish them to",
                "customs.declarations, timestamped with their lodged time; invalid ones go to customs.declarations.rejected",
                "with every reason. Ends with: accepted N declarations (M items), rejected K.",
                "Exit code 0, 1 when nothing was accepted or Kafka/the registry failed, 2 on a usage error."})
public final class ProduceCommand implements Callable<Integer> {

    @Parameters(paramLabel = "FILE", arity = "1..*", description = "Files to publish, in order: .csv, .jsonl (optionally .gz).")
    List<Path> files;

    @Option(names = "--format", paramLabel = "csv|jsonl", description = "Input format when the file name does not say it.")
    SourceFiles.Format format;

    @Option(names = "--speed", defaultValue = "max", paramLabel = "max|Nx",
            description = "Replay pace: max (default), or N seconds of event time per second, e.g. 3600x, 1x.")
    String speed;

    @Option(names = "--strict", description = "Stop at the first invalid record (still published as rejected), exit code 1.")
    boolean strict;

    @Mixin
    ConnectionOptions connection;

    @Mixin
    TopicOptions topics;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Speed pace = Speed.parse(speed);
        for (Path file : files) {
            if (!Files.isRegularFile(file)) {
                throw new IllegalArgumentException("no such file: " + file);
            }
            if (format == null) {
                SourceFiles.formatOf(file);
            }
        }
        PublishConfig config = topics.publishConfig(connection.settings());
        Preflight.prepareDeclarationTopics(config);
        long accepted = 0;
        long items = 0;
        long rejected = 0;
        Duration elapsed = Duration.ZERO;
        try (DeclarationPublisher publisher = new DeclarationPublisher(config)) {
            IngestRun run = new IngestRun(publisher, pace, ProgressReports.forConsole("produce"), strict, Clock.systemUTC());
            for (Path file : files) {
                try (DeclarationReader reader = format == null ? SourceFiles.open(file) : SourceFiles.open(file, format)) {
                    IngestRun.Summary summary = run.run(reader);
                    accepted += summary.accepted();
                    items += summary.items();
                    rejected += summary.rejected();
                    elapsed = elapsed.plus(summary.elapsed());
                }
            }
        }
        spec.commandLine().getOut().println(new IngestRun.Summary(accepted, items, rejected, elapsed).line());
        spec.commandLine().getOut().flush();
        return accepted > 0 ? 0 : 1;
    }
}
