package org.customssentinel.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;

import org.customssentinel.streams.app.SentinelStreams;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * What an A/B experiment in the bench relies on: a {@code --client} setting reaches every streams app of the run,
 * baselines included, and bad values are refused before any stack starts.
 */
class BenchOptionsTest {

    @Test
    void shouldPassEveryClientSettingToEachStreamsApp() {
        Map<String, String> clients = new LinkedHashMap<>();
        clients.put("commit.interval.ms", "200");
        clients.put("producer.linger.ms", "20");
        BenchRun run = run(clients);

        for (BenchAppCommand.Kind kind : BenchAppCommand.Kind.values()) {
            List<String> args = run.benchApp(kind, "bench-x", 1_000, "--input", "in");
            assertEquals(List.of("bench-app", kind.name()), args.subList(0, 2));
            assertTrue(Collections.indexOfSubList(args, List.of("--client", "commit.interval.ms=200")) > 0, kind + ": " + args);
            assertTrue(Collections.indexOfSubList(args, List.of("--client", "producer.linger.ms=20")) > 0, kind + ": " + args);
            assertTrue(Collections.indexOfSubList(args, List.of("--state-dir", Path.of("/tmp/bench", "bench-x").toString())) > 0, kind + ": " + args);
            assertTrue(Collections.indexOfSubList(args, List.of("--threads", "2")) > 0, kind + ": " + args);
            assertEquals(List.of("--input", "in"), args.subList(args.size() - 2, args.size()), "the step's own arguments last");
        }
        // What bench-app makes of them: the same properties for its Kafka Streams config.
        BenchAppCommand app = new BenchAppCommand();
        List<String> args = run.benchApp(BenchAppCommand.Kind.PASS_THROUGH, "bench-x", 1_000);
        new CommandLine(app).parseArgs(args.subList(1, args.size()).toArray(String[]::new));
        assertEquals(clients, app.clientOverrides);
    }

    @Test
    void shouldCheckpointThePeerAsOftenAsTheAppsCommit() {
        assertEquals(SentinelStreams.EXACTLY_ONCE_COMMIT_INTERVAL.toMillis(), run(Map.of()).commitIntervalMs());
        assertEquals(200, run(Map.of("commit.interval.ms", "200")).commitIntervalMs());

        StringWriter err = new StringWriter();
        CommandLine sentinel = SentinelBench.commandLine();
        sentinel.setErr(new PrintWriter(err));
        assertEquals(2, sentinel.execute("--client", "commit.interval.ms=1s"), err.toString());
        assertTrue(err.toString().contains("--client commit.interval.ms must be a number of milliseconds, was '1s'"), err.toString());
    }

    @Test
    void shouldGivePercentilesOfTheRecordsRead() {
        AlertLatency.Latencies latencies = new AlertLatency.Latencies(LongStream.rangeClosed(1, 200).map(i -> 201 - i).boxed().toList());

        assertEquals(100, latencies.percentile(50));
        assertEquals(198, latencies.percentile(99));
        assertEquals(200, latencies.percentile(100));
        assertEquals(1, new AlertLatency.Latencies(List.of(1L)).percentile(99));
        assertTrue(Double.isNaN(new AlertLatency.Latencies(List.of()).percentile(50)));
    }

    @Test
    void shouldRefuseANegativeReplayBeforeAnyStackStarts() {
        StringWriter err = new StringWriter();
        CommandLine sentinel = SentinelBench.commandLine();
        sentinel.setErr(new PrintWriter(err));

        assertEquals(2, sentinel.execute("--replay", "-1"), err.toString());
        assertTrue(err.toString().contains("--warmup and --replay at least 0"), err.toString());
    }

    @Test
    void shouldRefuseALatencyPaceOutsideZeroToOne() {
        for (String pace : List.of("0", "-0.5", "1.5", "NaN")) {
            StringWriter err = new StringWriter();
            CommandLine sentinel = SentinelBench.commandLine();
            sentinel.setErr(new PrintWriter(err));

            int exit = sentinel.execute("--latency-pace", pace);

            assertEquals(2, exit, pace + ": " + err);
            assertTrue(err.toString().contains("--latency-pace above 0 and at most 1"), pace + ": " + err);
        }
    }

    @Test
    void shouldFitItsHelpInEightyColumns() {
        String usage = SentinelBench.commandLine().getUsageMessage(CommandLine.Help.Ansi.OFF);
        assertEquals(List.of(), usage.lines().filter(line -> line.length() > 80).toList());
        assertTrue(usage.contains("  1. producer: 'produce' from a pre-generated chpl-surge file vs Kafka's\n     ProducerPerformance"), usage);
    }

    private static BenchRun run(Map<String, String> clients) {
        return new BenchRun("127.0.0.1:9092", "http://127.0.0.1:8081", Path.of("/tmp/bench"), 1, 0, 2, 0.25,
                new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()), 0, List.of(), clients);
    }
}
