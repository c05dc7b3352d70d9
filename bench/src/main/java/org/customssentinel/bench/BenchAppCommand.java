package org.customssentinel.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.customssentinel.schemas.topic.ConsumedRate;
import org.customssentinel.schemas.topic.ConsumerProgress;
import org.customssentinel.schemas.topic.TopicNames;
import org.customssentinel.streams.app.SentinelStreams;
import org.customssentinel.streams.app.StreamsSettings;
import org.customssentinel.streams.detect.ReferencePeriod;
import org.customssentinel.streams.detect.RuleSettings;
import org.customssentinel.streams.detect.SurgeRule;
import org.customssentinel.streams.enrich.ClassificationMode;
import org.customssentinel.streams.flow.WindowSettings;
import org.customssentinel.streams.topology.TopologyJob;
import org.customssentinel.streams.topology.TopologySettings;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * One streams app of {@code sentinel-bench}, in a JVM of its own: runs until its group has committed every input
 * record (and, for apps with a repartition, every repartitioned one), then prints its figures as {@code bench-app}
 * lines for the bench to read.
 */
@Command(name = "bench-app", hidden = true, mixinStandardHelpOptions = true,
        header = "Run one app of 'sentinel-bench' (internal).",
        description = "Internal to 'sentinel-bench': runs one benchmarked streams app until it has consumed its input, prints its figures.")
public final class BenchAppCommand implements Callable<Integer> {

    /** FULL: Customs Sentinel's topology; PEER_JOB: the same nodes on the Flink peer's job alone ({@link TopologyJob#PEER}). */
    enum Kind { PASS_THROUGH, SHAPE, FULL, PEER_JOB }

    @Parameters(index = "0", paramLabel = "KIND", description = "PASS_THROUGH, SHAPE, FULL or PEER_JOB.")
    Kind kind;

    @Option(names = "--bootstrap-servers", required = true)
    String bootstrap;

    @Option(names = "--schema-registry-url", required = true)
    String registry;

    @Option(names = "--application-id", required = true)
    String applicationId;

    @Option(names = "--state-dir", required = true)
    Path stateDir;

    @Option(names = "--count", required = true, description = "Declarations on the input topic.")
    long count;

    @Option(names = "--threads", defaultValue = "1")
    int threads;

    @Option(names = "--processing-guarantee", defaultValue = "exactly_once_v2")
    String guarantee;

    @Option(names = "--contributions-per-declaration", defaultValue = "1.0")
    double contributions;

    @Option(names = "--flows", defaultValue = "1000")
    int flows;

    @Option(names = "--output-prefix", defaultValue = "bench.", description = "FULL, PEER_JOB: prefix of its output topics.")
    String outputPrefix;

    @Option(names = "--surge-reference", description = "FULL, PEER_JOB: rules.surge.reference.")
    String surgeReference;

    @Option(names = "--input", defaultValue = TopicNames.DECLARATIONS, description = "FULL, PEER_JOB: its declarations topic.")
    String input;

    @Option(names = "--steady-after", defaultValue = ConsumedRate.DEFAULT_WARM_UP_SHARE,
            description = "Share of the input committed after RUNNING before the steady rate is timed.")
    double steadyAfter;

    @Option(names = "--client", paramLabel = "KEY=VALUE", description = "A Kafka Streams or client property, for experiments.")
    Map<String, String> clientOverrides = new HashMap<>();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private static final Duration PROGRESS_INTERVAL = Duration.ofSeconds(10);

    private long consumedAt;
    private ConsumedRate rate;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        // A bench stopped (Ctrl-C, a failed step) must not leave its apps running, waiting for input that never comes.
        ProcessHandle.current().parent().ifPresent(bench -> bench.onExit().thenRun(() -> Runtime.getRuntime().halt(2)));
        Map<String, Object> clients = new HashMap<>();
        clients.put("bootstrap.servers", bootstrap);
        clients.put("schema.registry.url", registry);
        clients.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, threads);
        if (guarantee.equals(StreamsConfig.EXACTLY_ONCE_V2)) {
            clients.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, SentinelStreams.EXACTLY_ONCE_COMMIT_INTERVAL.toMillis());
        }
        clients.putAll(clientOverrides);
        HeapAfterGc heap = new HeapAfterGc();
        heap.start();
        long started = System.nanoTime();
        rate = new ConsumedRate(count, steadyAfter, started);
        long stateBytes;
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            switch (kind) {
                case PASS_THROUGH -> stateBytes = runBaseline(Baselines.passThrough(), clients, admin, null);
                case SHAPE -> stateBytes = runBaseline(Baselines.shapeOnly(contributions, flows), clients, admin,
                        applicationId + "-bench-shape-flows-repartition");
                case FULL -> stateBytes = runFull(clients, admin, TopologyJob.FULL);
                case PEER_JOB -> stateBytes = runFull(clients, admin, TopologyJob.PEER);
                default -> throw new IllegalArgumentException("no such app: " + kind);
            }
        }
        // Until the input was consumed: closing (and RocksDB's flush) is not part of the rate.
        double seconds = (consumedAt - started) / 1e9;
        heap.interrupt();
        out.printf("bench-app seconds %.3f%n", seconds);
        out.printf("bench-app rate %.1f%n", rate.withStart(consumedAt));
        out.printf("bench-app seconds-to-running %.3f%n", rate.secondsToRunning());
        if (!Double.isNaN(rate.steady(consumedAt))) {
            out.printf("bench-app steady-rate %.1f%n", rate.steady(consumedAt));
        }
        out.printf("bench-app peak-heap-after-gc %d%n", heap.peak());
        out.printf("bench-app state-bytes %d%n", stateBytes);
        out.flush();
        return 0;
    }

    private long runBaseline(Topology topology, Map<String, Object> clients, Admin admin, String repartition) throws Exception {
        Properties props = new Properties();
        props.putAll(clients);
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, guarantee);
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        props.put(StreamsConfig.consumerPrefix("auto.offset.reset"), "earliest");
        // The settings the full topology's app uses, unless --client says otherwise: its producer's, and no idling (each
        // task reads one partition, so there is nothing to idle for).
        props.putIfAbsent(StreamsConfig.producerPrefix("batch.size"), 256 * 1024);
        props.putIfAbsent(StreamsConfig.producerPrefix("compression.type"), "lz4");
        props.putIfAbsent(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, -1L);
        try (KafkaStreams streams = new KafkaStreams(topology, props)) {
            streams.setStateListener((now, before) -> {
                if (now == KafkaStreams.State.RUNNING) {
                    rate.running(System.nanoTime());
                }
            });
            streams.start();
            awaitConsumed(admin, repartition);
        }
        return sizeOf(stateDir);
    }

    private long runFull(Map<String, Object> clients, Admin admin, TopologyJob job) throws Exception {
        RuleSettings rules = RuleSettings.defaults();
        if (surgeReference != null) {
            rules = rules.with(SurgeRule.REFERENCE, Optional.of(ReferencePeriod.parse(surgeReference)));
        }
        TopologySettings.Topics topics = outputs(new TopicNames(outputPrefix));
        TopologySettings topology = new TopologySettings(topics, ClassificationMode.LATEST, WindowSettings.weekly(), rules, 1, clients)
                .withJob(job);
        StreamsSettings settings = new StreamsSettings(applicationId, clients, guarantee, topology, 6, (short) 1, stateDir, Duration.ofSeconds(60));
        try (SentinelStreams app = SentinelStreams.start(settings)) {
            if (app.awaitRunning(Duration.ofMinutes(2))) {
                rate.running(System.nanoTime());
                spec.commandLine().getOut().println("bench-app running");
                spec.commandLine().getOut().flush();
            }
            awaitConsumed(admin, topics.flowEvents());
            if (app.failure() != null) {
                throw new IllegalStateException("the streams app failed: " + app.failure(), app.failure());
            }
        }
        // Closed: RocksDB has flushed its memtables, so the files hold the whole state.
        return sizeOf(stateDir);
    }

    /** The shared input and reference topics; this run's own outputs, so runs can be compared. */
    private TopologySettings.Topics outputs(TopicNames own) {
        TopicNames shared = TopicNames.defaults();
        return new TopologySettings.Topics(input, own.rejected(), shared.hsClassifications(), shared.watchlist(), shared.rules(),
                own.enriched(), TopologySettings.Topics.flowEventsOf(applicationId), own.flowsWindowed(), own.alerts(), own.risk(),
                own.dispositions());
    }

    /**
     * Until all {@code --count} declarations are on the input (a paced run is still publishing when the app starts)
     * and committed, then (its writes being final by then) every repartitioned record.
     */
    private void awaitConsumed(Admin admin, String repartition) throws Exception {
        String topic = kind == Kind.FULL || kind == Kind.PEER_JOB ? input : TopicNames.DECLARATIONS;
        while (published(admin, topic) < count) {
            Thread.sleep(100);
        }
        long reported = System.nanoTime();
        while (!ConsumerProgress.consumedAll(admin, applicationId, topic)) {
            long committed = ConsumerProgress.committed(admin, applicationId, topic);
            rate.sample(committed, System.nanoTime());
            // For the bench's progress on long runs; a line it does not parse otherwise.
            if (System.nanoTime() - reported > PROGRESS_INTERVAL.toNanos()) {
                reported = System.nanoTime();
                spec.commandLine().getOut().println("bench-app committed " + committed);
                spec.commandLine().getOut().flush();
            }
            Thread.sleep(100);
        }
        while (repartition != null && !ConsumerProgress.consumedAll(admin, applicationId, repartition)) {
            Thread.sleep(100);
        }
        consumedAt = System.nanoTime();
    }

    private static long published(Admin admin, String topic) throws Exception {
        int partitions = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().size();
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        for (int p = 0; p < partitions; p++) {
            latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
        }
        return admin.listOffsets(latest).all().get().values().stream().mapToLong(ListOffsetsResult.ListOffsetsResultInfo::offset).sum();
    }

    private static long sizeOf(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(file -> {
                try {
                    return Files.size(file);
                } catch (IOException gone) {
                    return 0;
                }
            }).sum();
        }
    }

    /** The most heap in use right after a collection, sampled: what the app really keeps, not its garbage. */
    private static final class HeapAfterGc extends Thread {
        private volatile long peak;

        HeapAfterGc() {
            super("bench-heap-after-gc");
            setDaemon(true);
        }

        @Override
        public void run() {
            while (!isInterrupted()) {
                sample();
                try {
                    Thread.sleep(100);
                } catch (InterruptedException stop) {
                    return;
                }
            }
        }

        private void sample() {
            long used = 0;
            for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                MemoryUsage afterGc = pool.getType() == MemoryType.HEAP ? pool.getCollectionUsage() : null;
                if (afterGc != null) {
                    used += afterGc.getUsed();
                }
            }
            peak = Math.max(peak, used);
        }

        long peak() {
            sample();
            return peak;
        }
    }
}
