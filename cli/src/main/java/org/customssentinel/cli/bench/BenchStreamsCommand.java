package org.customssentinel.cli.bench;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.customssentinel.avro.Declaration;
import org.customssentinel.backtest.BacktestInput;
import org.customssentinel.backtest.BacktestSetting;
import org.customssentinel.backtest.OfflinePipeline;
import org.customssentinel.backtest.ReferenceData;
import org.customssentinel.schemas.topic.TopicNames;
import org.customssentinel.localstack.LocalStack;
import org.customssentinel.localstack.StackSettings;
import org.customssentinel.localstack.registry.RegistrySettings;
import org.customssentinel.producer.generate.ScenarioGenerator;
import org.customssentinel.producer.publish.DeclarationPublisher;
import org.customssentinel.producer.publish.IngestRun;
import org.customssentinel.producer.publish.Preflight;
import org.customssentinel.producer.publish.ProgressListener;
import org.customssentinel.producer.publish.PublishConfig;
import org.customssentinel.producer.publish.Speed;
import org.customssentinel.producer.reference.HsClassificationReader;
import org.customssentinel.producer.reference.ReferenceLoader;
import org.customssentinel.producer.reference.WatchlistReader;
import org.customssentinel.schemas.topic.ConsumerProgress;
import org.customssentinel.streams.app.SentinelStreams;
import org.customssentinel.streams.app.StreamsSettings;
import org.customssentinel.streams.detect.ReferencePeriod;
import org.customssentinel.streams.detect.RuleSettings;
import org.customssentinel.streams.enrich.ClassificationMode;
import org.customssentinel.streams.flow.WindowSettings;
import org.customssentinel.streams.topology.TopologySettings;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Declarations/s through the full topology against a pass-through Kafka Streams app (bytes in, bytes out) over the
 * same records, same broker, same processing guarantee; each timed from start until every input record is committed.
 * Between the two, the full topology's shape without its work ({@link Baselines#shapeOnly}) shows how much of the gap
 * is Kafka Streams moving records and how much is the app's own processing.
 */
@Command(name = "bench-streams", mixinStandardHelpOptions = true,
        header = "Benchmark the topology against a pass-through Streams app.",
        description = {"Benchmark: the full streams topology against a pass-through Kafka Streams app on the same records "
                + "(chpl-surge, generated and published here to one local broker), same guarantee.",
                "Also runs the full topology's shape with none of its work (output copy, fan-out, repartition, store writes): "
                + "a ceiling for any topology of that shape. Prints each rate, its ratio to the pass-through, and the median ratios.",
                "Each round also replays the same declarations offline, as `backtest` does with one setting, and prints its rate "
                + "against the full topology's."})
public final class BenchStreamsCommand implements Callable<Integer> {

    private static final String PRE_SANCTIONS = "2021-01-01/2022-02-24";

    @Option(names = "--processing-guarantee", defaultValue = "exactly_once_v2", description = "Every app's guarantee (default: ${DEFAULT-VALUE}).")
    String guarantee;

    @Option(names = "--scale", defaultValue = "3.0", description = "Scenario scale; 1.0 is about 147,000 declarations (default: ${DEFAULT-VALUE}: "
            + "long enough that start-up and the wait for the last commit do not dominate a pass-through round).")
    double scale;

    @Option(names = "--commit-interval", paramLabel = "DURATION",
            description = "Every app's commit.interval.ms, ISO-8601 (default: the streams app's own: 1 s under exactly_once_v2, "
                    + "Kafka Streams' 30 s under at_least_once).")
    Duration commitInterval;

    @Option(names = "--threads", defaultValue = "1", paramLabel = "N",
            description = "Every app's num.stream.threads (default: ${DEFAULT-VALUE}, Kafka Streams' own).")
    int threads;

    @Option(names = "--rounds", defaultValue = "3", paramLabel = "N",
            description = "Measured rounds, the apps alternating; the median ratios are reported (default: ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--warmup", defaultValue = "2", paramLabel = "N",
            description = "Rounds run first and not counted (default: ${DEFAULT-VALUE}). Broker and apps share one JVM here, and its JIT "
                    + "compiler keeps a core busy for the first minute or so: cold rounds measure the compiler.")
    int warmup;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (rounds < 1 || warmup < 0) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--rounds must be at least 1 and --warmup at least 0");
        }
        Path work = Files.createTempDirectory("sentinel-bench-streams-");
        try (LocalStack stack = LocalStack.start(StackSettings.ephemeral(RegistrySettings.homeFromSystemProperty(), work))) {
            Map<String, Object> stackClients = Map.of("bootstrap.servers", stack.bootstrapServers(), "schema.registry.url", stack.schemaRegistryUrl());
            PublishConfig publish = PublishConfig.defaults(stackClients);
            Map<String, Object> clients = new HashMap<>(stackClients);
            clients.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, threads);
            // Every app commits as often as the streams app does unless told otherwise.
            Duration commits = commitInterval != null ? commitInterval
                    : guarantee.equals(StreamsConfig.EXACTLY_ONCE_V2) ? SentinelStreams.EXACTLY_ONCE_COMMIT_INTERVAL : null;
            if (commits != null) {
                clients.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, commits.toMillis());
            }
            Preflight.prepareDeclarationTopics(publish);
            long count;
            FlowCount flows;
            // Generated once: published for the apps, replayed from memory offline.
            List<Declaration> declarations = new ArrayList<>();
            ScenarioGenerator.create("chpl-surge", 42, null, null, scale).declarations().forEachRemaining(declarations::add);
            try (DeclarationPublisher publisher = new DeclarationPublisher(publish)) {
                flows = new FlowCount(declarations.iterator());
                count = new IngestRun(publisher, Speed.MAX, ProgressListener.NONE, false, Clock.systemUTC())
                        .publish(flows, declarations.size()).accepted();
            }
            new ReferenceLoader(publish, TopicNames.defaults()).load(HsClassificationReader.shipped(), WatchlistReader.shipped());
            out.printf("input: %,d declarations on %s (6 partitions; %.2f flow contributions each, %,d flows), %s, %d stream thread(s),"
                    + " commit interval %s%n", count, TopicNames.DECLARATIONS, flows.contributionsPerDeclaration(), flows.distinctFlows(),
                    guarantee, threads, commits == null ? "Kafka Streams' default" : commits);
            out.flush();

            // Alternating rounds, each app under a fresh id: one round alone swings with whatever the JVM does.
            List<Double> ratios = new ArrayList<>();
            List<Double> shapeRatios = new ArrayList<>();
            List<Double> offlineRatios = new ArrayList<>();
            BacktestInput offlineInput = new BacktestInput(declarations, 0, Map.of());
            OfflinePipeline offline = new OfflinePipeline(new ReferenceData(HsClassificationReader.shipped(), WatchlistReader.shipped()), 6);
            BacktestSetting offlineSetting = BacktestSetting.of(Map.of("rules.surge.reference", PRE_SANCTIONS), Map.of());
            for (int round = 1; round <= warmup + rounds; round++) {
                double passThrough = run(Baselines.passThrough(), "bench-pass-through-" + round, clients, work, count);
                double shape = run(Baselines.shapeOnly(flows.contributionsPerDeclaration(), flows.distinctFlows()), "bench-shape-" + round,
                        clients, work, count);
                double full = fullTopology(clients, work, count, round);
                double backtest = offline.run(offlineInput, offlineSetting, fraction -> { }).declarationsPerSecond();
                boolean measured = round > warmup;
                if (measured) {
                    ratios.add(full / passThrough);
                    shapeRatios.add(shape / passThrough);
                    offlineRatios.add(backtest / full);
                }
                out.printf("%s %d: pass-through %,.0f records/s, shape only %,.0f declarations/s (%.2f), full topology %,.0f declarations/s,"
                        + " ratio %.2f; offline backtest (one setting) %,.0f declarations/s, %.2f of the full topology%n",
                        measured ? "round" : "warm-up", measured ? round - warmup : round, passThrough, shape,
                        shape / passThrough, full, full / passThrough, backtest, backtest / full);
                out.flush();
            }
            out.printf("ratio (median of %d rounds): %.2f; shape only: %.2f; offline backtest to full topology: %.2f%n", rounds,
                    median(ratios), median(shapeRatios), median(offlineRatios));
            out.flush();
        }
        return 0;
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }

    /** A baseline app: the full topology's guarantee and producer settings, a fresh application id. */
    private double run(Topology topology, String applicationId, Map<String, Object> clients, Path work, long count) throws Exception {
        Properties props = new Properties();
        props.putAll(clients);
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, guarantee);
        props.put(StreamsConfig.STATE_DIR_CONFIG, work.resolve(applicationId).toString());
        props.put(StreamsConfig.consumerPrefix("auto.offset.reset"), "earliest");
        props.put(StreamsConfig.producerPrefix("batch.size"), 256 * 1024);
        props.put(StreamsConfig.producerPrefix("compression.type"), "lz4");
        long started = System.nanoTime();
        try (KafkaStreams streams = new KafkaStreams(topology, props)) {
            streams.start();
            awaitConsumed(clients, applicationId);
        }
        return count / ((System.nanoTime() - started) / 1e9);
    }

    private double fullTopology(Map<String, Object> clients, Path work, long count, int round) throws Exception {
        String applicationId = "bench-full-" + round;
        TopologySettings topology = new TopologySettings(TopologySettings.Topics.defaults(applicationId), ClassificationMode.LATEST,
                WindowSettings.weekly(), RuleSettings.defaults().withSurgeReference(ReferencePeriod.parse(PRE_SANCTIONS)), 1, clients);
        StreamsSettings settings = new StreamsSettings(applicationId, clients, guarantee, topology, 6, (short) 1, work.resolve(applicationId),
                Duration.ofSeconds(30));
        long started = System.nanoTime();
        try (SentinelStreams app = SentinelStreams.start(settings)) {
            awaitConsumed(clients, applicationId);
        }
        return count / ((System.nanoTime() - started) / 1e9);
    }

    /** Until the group has committed the end of every declarations partition. */
    private static void awaitConsumed(Map<String, Object> clients, String group) throws Exception {
        try (Admin admin = Admin.create(clients)) {
            while (!ConsumerProgress.consumedAll(admin, group, TopicNames.DECLARATIONS)) {
                Thread.sleep(200);
            }
        }
    }
}
