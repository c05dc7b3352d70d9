package org.customssentinel.bench;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

import org.customssentinel.avro.Declaration;
import org.customssentinel.avro.WatchlistEntry;
import org.customssentinel.localstack.LocalStack;
import org.customssentinel.localstack.StackSettings;
import org.customssentinel.localstack.registry.RegistrySettings;
import org.customssentinel.producer.generate.SyntheticWatchlist;
import org.customssentinel.producer.reference.HsClassificationReader;
import org.customssentinel.producer.reference.ReferenceLoader;
import org.customssentinel.producer.reference.WatchlistReader;
import org.customssentinel.schemas.topic.ConsumedRate;
import org.customssentinel.schemas.topic.TopicNames;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The one benchmark: on a local stack started here, each app in its own JVM, warm-up rounds uncounted, medians of
 * the measured rounds; every figure a rate, a size or a ratio against a baseline measured in the same run.
 */
@Command(name = "sentinel-bench", mixinStandardHelpOptions = true, sortOptions = false, subcommands = {BenchAppCommand.class, ScreeningBench.class},
        header = "Benchmark the pipeline against Kafka itself and Flink.",
        description = {"Runs on a local stack started here (one broker, a registry), each app in its own JVM, warm-ups uncounted, "
                + "medians of rounds:",
                "  1. producer: 'produce' from a pre-generated chpl-surge file vs Kafka's ProducerPerformance (same count, size, settings);",
                "  2. streams: a pass-through Streams app vs the topology's bare shape vs the full topology (exactly_once_v2), and",
                "  3. peer: the same SPIKE / NEW_CONTROLLED_FLOW job in Apache Flink (module peers, built on first use), and the full "
                + "topology's nodes on that job alone (like for like), whose alerts must all be the same;",
                "  4. latency: alert latency p50/p90/p99, publication to commit, at half the full topology's rate, paced, after a 30 s "
                + "warm-up; enriched declarations (one commit) timed too;",
                "  5. scale: the full topology over 10k, 100k and 1M distinct flows ('generate --scenario wide') under -Xmx1g.",
                "Also the offline backtest's rate on the same declarations, a 10M-declaration replay projected from the rates, and with "
                + "--replay one measured end to end.",
                "Prints 'bench NAME VALUE UNIT' and 'ratio NAME VALUE' lines as it goes, then one table with the targets; "
                + "--json writes the same, --chart an SVG. Progress goes to stderr.",
                "Each rate includes its app's start (rebalance, first seconds of JIT): a larger --scale spreads it thinner.",
                "A full run takes about 15 minutes here; --quick runs every step at a tiny scale in under two minutes "
                + "(a check that the bench works, not a measurement; no offline backtest)."})
public final class BenchCommand implements Callable<Integer> {

    @Option(names = "--quick", description = "Every step at a tiny scale, one round, no warm-up: checks the bench runs (CI), measures nothing.")
    boolean quick;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the figures as JSON.")
    Path json;

    @Option(names = "--chart", paramLabel = "FILE", description = "Write the SVG chart here (default: bench.svg).", defaultValue = "bench.svg")
    Path chart;

    @Option(names = "--rounds", paramLabel = "N", description = "Measured rounds (default: 3; --quick: 1).")
    Integer rounds;

    @Option(names = "--warmup", paramLabel = "N", description = "Rounds run first and not counted (default: 1; --quick: 0).")
    Integer warmup;

    @Option(names = "--scale", paramLabel = "X", description = "chpl-surge scale for the producer, streams and latency steps; "
            + "1.0 is about 147,000 declarations (default: 1.0; --quick: 0.02).")
    Double scale;

    @Option(names = "--flows", split = ",", paramLabel = "N", description = "Flow counts of the scale step (default: 10000,100000,1000000; "
            + "--quick: 1000,10000).")
    List<Integer> flows;

    @Option(names = "--wide-declarations", paramLabel = "N", description = "Declarations at each flow count (default: 300,000; --quick: 2,000).")
    Long wideDeclarations;

    @Option(names = "--latency-seconds", paramLabel = "S", description = "Length of the paced latency run (default: 60; --quick: 4).")
    Integer latencySeconds;

    @Option(names = "--latency-pace", defaultValue = "0.5", paramLabel = "F",
            description = "The latency run's pace as a fraction of the full topology's measured rate (default: ${DEFAULT-VALUE}, the target's).")
    double latencyPace;

    @Option(names = "--threads", defaultValue = "1", paramLabel = "N",
            description = "Stream threads of every app, and the Flink peer's parallelism (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--steady-after", defaultValue = ConsumedRate.DEFAULT_WARM_UP_SHARE, paramLabel = "F",
            description = "Each app's steady rate is timed from when it runs and has committed this share of its input, to its last "
                    + "commit; the other rate includes its start (default: ${DEFAULT-VALUE}).")
    double steadyAfter;

    @Option(names = "--replay", paramLabel = "N", defaultValue = "0",
            description = "Also replay about N chpl-surge declarations end to end, measured: generated into a file (not timed), produced, "
                    + "then the full topology to its last commit (issue 30's target: 10000000 in at most 8 minutes; it took 13 minutes "
                    + "here, and disk for every topic and changelog of N declarations). Default: off.")
    long replay;

    @Option(names = "--no-peer", description = "Skip the Flink peer (it is built with Maven on first use).")
    boolean noPeer;

    @Option(names = "--client", paramLabel = "KEY=VALUE", description = "A Kafka Streams or client property for every streams app of the run, "
            + "baselines included (repeatable), e.g. commit.interval.ms=200 or producer.linger.ms=20; the JSON records them.")
    Map<String, String> streamsClients = new LinkedHashMap<>();

    @Option(names = "--watchlist-entries", paramLabel = "N", defaultValue = "0",
            description = "Also load a generated watchlist of N entries (e.g. 300000, OpenSanctions' size) beside the shipped one, so the "
                    + "streams steps screen against it; the apps' rates then include building its index at their start (default: none).")
    int watchlistEntries;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        int measured = rounds != null ? rounds : quick ? 1 : 3;
        int warm = warmup != null ? warmup : quick ? 0 : 1;
        double chplScale = scale != null ? scale : quick ? 0.02 : 1.0;
        List<Integer> flowCounts = flows != null ? flows : quick ? List.of(1_000, 10_000) : List.of(10_000, 100_000, 1_000_000);
        long wideCount = wideDeclarations != null ? wideDeclarations : quick ? 2_000 : 300_000;
        Duration latency = Duration.ofSeconds(latencySeconds != null ? latencySeconds : quick ? 4 : 60);
        if (measured < 1 || warm < 0 || threads < 1 || chplScale <= 0 || wideCount < 1 || latency.isNegative() || latency.isZero() || !(latencyPace > 0 && latencyPace <= 1)
                || !(steadyAfter >= 0 && steadyAfter < 1) || replay < 0
                || flowCounts.stream().anyMatch(n -> n < 1)) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--rounds, --threads, --scale, --flows, --wide-declarations and --latency-seconds must be positive, --warmup and --replay at least 0, "
                            + "--latency-pace above 0 and at most 1, --steady-after at least 0 and below 1");
        }
        try {
            // The Flink peer checkpoints at the same interval: refused here rather than after the first steps.
            BenchRun.commitIntervalMs(streamsClients);
        } catch (IllegalArgumentException notMillis) {
            throw new CommandLine.ParameterException(spec.commandLine(), notMillis.getMessage());
        }
        // The latency target is for half the rate: at another pace the figures are for the curve, not met or missed.
        boolean targetPace = latencyPace == 0.5;
        long started = System.nanoTime();
        Figures figures = new Figures();
        Path work = Files.createTempDirectory("sentinel-bench-");
        PrintWriter progress = spec.commandLine().getErr();
        try (LocalStack stack = startStack(work)) {
            BenchRun run = new BenchRun(stack.bootstrapServers(), stack.schemaRegistryUrl(), work, measured, warm, threads, steadyAfter, out, progress, started,
                    // Runs of seconds: C1 alone compiles soon enough and leaves the second core to the rest.
                    quick ? List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC") : List.of(), Map.copyOf(streamsClients));
            figures.context("mode", quick ? "quick" : "full");
            figures.context("rounds", measured);
            figures.context("warmup", warm);
            figures.context("threads", threads);
            figures.context("steadyAfter", steadyAfter);
            figures.context("processors", Runtime.getRuntime().availableProcessors());
            figures.context("java", System.getProperty("java.version"));
            if (!streamsClients.isEmpty()) {
                figures.context("streams clients", streamsClients);
                run.progress("every streams app with %s", streamsClients);
            }
            Optional<Path> peer = noPeer ? Optional.empty() : FlinkPeerRun.jar(run);

            List<Declaration> declarations = BenchInput.chplSurge(chplScale);
            figures.context("chpl-surge declarations", declarations.size());
            List<WatchlistEntry> watchlist = new ArrayList<>(WatchlistReader.shipped());
            if (watchlistEntries > 0) {
                watchlist.addAll(new SyntheticWatchlist(7).entries(watchlistEntries, "SYNTHETIC", "1"));
                figures.context("watchlist entries", watchlist.size());
                run.progress("watchlist: %,d entries (%,d generated)", watchlist.size(), watchlistEntries);
            }
            new ReferenceLoader(BenchInput.config(run, TopicNames.DECLARATIONS), TopicNames.defaults())
                    .load(HsClassificationReader.shipped(), watchlist);

            new ProducerBench(run).measure(declarations, figures);
            double fullRate = new StreamsBench(run, peer, !quick).measure(declarations, figures);

            AlertLatency.Result latencies = new AlertLatency(run).measure(declarations, chplScale, fullRate * latencyPace, latency,
                    Duration.ofSeconds(quick ? 1 : 30));
            figures.bench(out, "latency.rate", latencies.rate(), "declarations/s", targetPace
                    ? "latency run: paced at half the full rate" : String.format(Locale.ROOT, "latency run: paced at %.2f of the full rate", latencyPace));
            figures.bench(out, "latency.alerts", latencies.alerts().size(), "alerts", "latency run: alerts timed");
            if (latencies.alerts().isEmpty()) {
                // A short run at a high pace may end before any window closes: no percentile rather than NaN.
                run.progress("latency: no alert after the warm-up, so no percentiles; give it a longer --latency-seconds");
            } else {
                figures.bench(out, "latency.p50", latencies.alerts().percentile(50), "ms", "alert latency p50");
                figures.bench(out, "latency.p90", latencies.alerts().percentile(90), "ms", "alert latency p90");
                if (targetPace) {
                    figures.benchAtMost(out, "latency.p99", latencies.alerts().percentile(99), "ms", "alert latency p99", 2_000);
                } else {
                    figures.bench(out, "latency.p99", latencies.alerts().percentile(99), "ms", "alert latency p99");
                }
            }
            if (!latencies.enriched().isEmpty()) {
                figures.bench(out, "latency.enriched.p50", latencies.enriched().percentile(50), "ms",
                        "  enriched declaration out (first commit): p50");
                figures.bench(out, "latency.enriched.p99", latencies.enriched().percentile(99), "ms",
                        "  enriched declaration out (first commit): p99");
            }

            List<ScaleBench.Size> sizes = new ScaleBench(run).measure(flowCounts, wideCount, figures);

            if (replay > 0) {
                new ReplayBench(run).measure(replay, figures);
            }

            // A projection from this run's rates, not a 10M run: produce all, then the pipeline over all.
            double produceRate = figures.get("produce.rate").orElseThrow().value();
            double minutes = (10_000_000 / produceRate + 10_000_000 / fullRate) / 60;
            figures.benchAtMost(out, "replay-10m.projected", minutes, "minutes", "10M declarations, produce then pipeline (projected)", 8);

            out.println();
            figures.printTable(out);
            figures.context("seconds", Math.round((System.nanoTime() - started) / 1e9));
            if (json != null) {
                figures.writeJson(json);
            }
            BenchChart.write(chart, "Customs Sentinel bench (" + (quick ? "quick, not a measurement" : "full") + ", " + measured + " rounds, "
                    + Runtime.getRuntime().availableProcessors() + " cores)", sizes.stream()
                    .map(s -> new BenchChart.Bar(ScaleBench.label(s.flows()) + " flows", s.rate(), null)).toList(), ratioBars(figures));
            progress.printf("bench: done in %d s; chart %s%s%n", Math.round((System.nanoTime() - started) / 1e9), chart,
                    json == null ? "" : ", JSON " + json);
            progress.flush();
        }
        // Not a timing: the same logic on two engines must give the same alerts, at any scale.
        if (figures.get("flink.alerts-differing").map(f -> f.value() > 0).orElse(false)
                || figures.get("flink.peer-job-alerts-differing").map(f -> f.value() > 0).orElse(false)) {
            progress.println("sentinel-bench: the Flink peer's alerts differ from the full topology's or from ours on its job (see 'differs'"
                    + " above): a bug on one side");
            progress.flush();
            return 1;
        }
        return 0;
    }

    /** Kafka's storage formatting prints to System.out: stdout is for the figures, so it goes to stderr. */
    private static LocalStack startStack(Path work) throws Exception {
        java.io.PrintStream stdout = System.out;
        System.setOut(System.err);
        try {
            return LocalStack.start(StackSettings.ephemeral(RegistrySettings.homeFromSystemProperty(), work));
        } finally {
            System.setOut(stdout);
        }
    }

    private static List<BenchChart.Bar> ratioBars(Figures figures) {
        List<BenchChart.Bar> bars = new ArrayList<>();
        for (Figures.Figure f : figures.all()) {
            // A ratio measured both ways is drawn steady only: the start is fixed cost, the steady rate the work per record.
            boolean steadyTwin = figures.get(f.name() + ".steady").map(twin -> !Double.isNaN(twin.value())).orElse(false);
            if (f.kind().equals("ratio") && !steadyTwin) {
                // Short labels: seven bars share the panel.
                String label = f.name().replace("producer-performance", "ProducerPerf.").replace(".steady", " (steady)")
                        .replace("backtest", "offline").replace("flink", "Flink").replace("scale.", "flows ");
                bars.add(new BenchChart.Bar(label.replace("/", " /\n"), f.value(), f.target()));
            }
        }
        return bars;
    }
}
