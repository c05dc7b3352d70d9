package org.customssentinel.backtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import org.customssentinel.avro.Alert;
import org.customssentinel.avro.Declaration;
import org.customssentinel.avro.RejectedRecord;
import org.customssentinel.localstack.StackEndpoints;
import org.customssentinel.localstack.junit.LocalStackExtension;
import org.customssentinel.producer.generate.ScenarioGenerator;
import org.customssentinel.producer.publish.DeclarationPublisher;
import org.customssentinel.producer.publish.IngestRun;
import org.customssentinel.producer.publish.ProgressListener;
import org.customssentinel.producer.publish.PublishConfig;
import org.customssentinel.producer.publish.Speed;
import org.customssentinel.producer.read.DeclarationReader;
import org.customssentinel.producer.read.SourceFiles;
import org.customssentinel.producer.write.CsvDeclarationWriter;
import org.customssentinel.streams.app.Replays;
import org.customssentinel.streams.flow.KeyPartitions;
import org.customssentinel.streams.flow.WindowSettings;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The backtest's promise: for the same input, reference data and settings, its FINAL alerts are the live pipeline's
 * (same ids, figures and summaries). Each test runs the same declarations both ways: published to the local stack
 * (six partitions, exactly once) and read by the streams app; and offline.
 */
@ExtendWith(LocalStackExtension.class)
class BacktestEquivalenceIT {

    private static final BacktestSetting PRE_SANCTIONS = BacktestSetting.of(
            Map.of("rules.surge.reference", Replays.PRE_SANCTIONS.toString()), Map.of());

    private final StackEndpoints stack;
    private Replays replays;

    @TempDir
    Path dir;

    BacktestEquivalenceIT(StackEndpoints stack) {
        this.stack = stack;
    }

    @BeforeEach
    void replays() {
        replays = new Replays(stack, dir.resolve("state"));
    }

    @Test
    void shouldRaiseTheLivePipelinesFinalAlertsOnAScenario() throws Exception {
        double scale = 0.1;
        Replays.Replay replay = replays.prepare("backtest-scenario");
        replays.publish(replay, "chpl-surge", scale, Speed.MAX);
        List<Alert> live = replays.run(replay, "live");

        List<Declaration> declarations = new ArrayList<>();
        ScenarioGenerator.create("chpl-surge", 42, null, null, scale).declarations().forEachRemaining(declarations::add);
        BacktestResult offline = new OfflinePipeline(ReferenceData.shipped(), Replays.PARTITIONS)
                .run(new BacktestInput(declarations, 0, Map.of()), PRE_SANCTIONS, fraction -> { });

        Map<String, String> expected = Replays.finalFigures(live);
        assertTrue(expected.size() > 40, "a real comparison: " + expected.size() + " FINAL alerts");
        assertEquals(expected, Replays.finalFigures(offline.finals().stream().map(FiredAlert::alert).toList()),
                () -> Replays.difference(expected, Replays.finalFigures(offline.finals().stream().map(FiredAlert::alert).toList())));
    }

    @Test
    void shouldRaiseTheLivePipelinesFinalAlertsOnAFileWithRejectedRowsAndLateDeclarations() throws Exception {
        Path file = dir.resolve("declarations.csv");
        FaultyFile faults = writeFileWithFaults(file);
        Replays.Replay replay = replays.prepare("backtest-file");
        PublishConfig publish = new PublishConfig(replays.clients(), replay.topics().declarations(), replay.topics().rejected(),
                replay.partitions(), (short) 1, Duration.ofSeconds(30));
        IngestRun.Summary produced;
        try (DeclarationPublisher publisher = new DeclarationPublisher(publish); DeclarationReader reader = SourceFiles.open(file)) {
            produced = new IngestRun(publisher, Speed.MAX, ProgressListener.NONE, false, Clock.systemUTC()).run(reader);
        }
        List<Alert> live = replays.run(replay, "live");

        BacktestInput input = BacktestInput.read(List.of(file), Clock.systemUTC(), ProgressListener.NONE);
        BacktestResult offline = new OfflinePipeline(ReferenceData.shipped(), Replays.PARTITIONS).run(input, PRE_SANCTIONS, fraction -> { });

        assertEquals(produced.rejected(), input.rejected(), "the producer's validator, the same rejections");
        assertEquals(produced.accepted(), offline.declarations());
        long lateLive = replays.<RejectedRecord>read(replays.settings(replay, "live").topology().topics().rejected(), Integer.MAX_VALUE,
                Duration.ofSeconds(5)).stream().filter(r -> r.getReasons().get(0).getCode().equals("LATE")).count();
        assertTrue(lateLive > faults.late() / 2, "back-dated declarations are LATE live: " + lateLive + " LATE, " + faults.late() + " back-dated");
        assertTrue(faults.edges() >= 3, "declarations late only against the newest of other partitions: " + faults.edges());
        assertEquals(lateLive, offline.rejectedByReason().getOrDefault("LATE", 0L),
                "LATE decided per partition offline as live, also for the declarations on the edge");
        Map<String, String> expected = Replays.finalFigures(live);
        Map<String, String> actual = Replays.finalFigures(offline.finals().stream().map(FiredAlert::alert).toList());
        assertTrue(expected.size() > 10, "a real comparison: " + expected.size() + " FINAL alerts");
        assertEquals(expected, actual, () -> Replays.difference(expected, actual));
    }

    /** How many back-dated declarations the file holds: late everywhere, and late only against other partitions' time. */
    private record FaultyFile(int late, int edges) {
    }

    /**
     * chpl-surge at a small scale as CSV, with rows no validator accepts; every 50th row a copy back-dated 9 to 30 days
     * (late once its partition has moved on); and, whenever the newest declaration has just closed a window that the partition of the
     * next copy has not yet closed, a copy lodged in that window: on time live, where its partition decides, and late
     * for a backtest that took one stream time for the whole file.
     */
    private static FaultyFile writeFileWithFaults(Path file) throws Exception {
        int late = 0;
        int edges = 0;
        WindowSettings windows = WindowSettings.weekly();
        long newest = Long.MIN_VALUE;
        long[] newestOf = new long[Replays.PARTITIONS];
        java.util.Arrays.fill(newestOf, Long.MIN_VALUE);
        try (BufferedWriter out = Files.newBufferedWriter(file); CsvDeclarationWriter csv = new CsvDeclarationWriter(out)) {
            Iterator<Declaration> declarations = ScenarioGenerator.create("chpl-surge", 7, null, null, 0.1).declarations();
            int row = 0;
            while (declarations.hasNext()) {
                Declaration declaration = declarations.next();
                csv.write(declaration);
                long lodged = declaration.getLodgedAt().toEpochMilli();
                newest = Math.max(newest, lodged);
                int partition = partitionOf(declaration.getDeclarationId());
                newestOf[partition] = Math.max(newestOf[partition], lodged);
                if (++row % 50 == 0) {
                    csv.write(Declaration.newBuilder(declaration).setDeclarationId(declaration.getDeclarationId() + "-LATE")
                            .setLodgedAt(declaration.getLodgedAt().minus(9 + row % 22, ChronoUnit.DAYS)).build());
                    late++;
                }
                String edgeId = declaration.getDeclarationId() + "-EDGE";
                int edgePartition = partitionOf(edgeId);
                // The window whose close the newest declaration has just passed, if the edge copy's partition has not.
                long closedWindow = windows.startOf(newest - windows.sizeMs() - windows.grace().toMillis());
                if (newestOf[edgePartition] != Long.MIN_VALUE && !windows.closed(closedWindow, newestOf[edgePartition])
                        && windows.closed(closedWindow, newest) && edges < 40) {
                    csv.write(Declaration.newBuilder(declaration).setDeclarationId(edgeId)
                            .setLodgedAt(java.time.Instant.ofEpochMilli(closedWindow + 3_600_000L)).build());
                    edges++;
                }
                if (row % 997 == 0) {
                    csv.write(Declaration.newBuilder(declaration).setDeclarationId(declaration.getDeclarationId() + "-BAD")
                            .setCountryOfDestination("XX").build());
                    csv.write(declaration); // the same id again: rejected as a duplicate within the file
                }
            }
        }
        return new FaultyFile(late, edges);
    }

    /** The partition Kafka's default partitioner gives a declaration id among the replay's partitions. */
    private static int partitionOf(String id) {
        return KeyPartitions.of(id, Replays.PARTITIONS);
    }
}
