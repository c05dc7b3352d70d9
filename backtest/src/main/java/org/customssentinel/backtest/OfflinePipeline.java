package org.customssentinel.backtest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.DoubleConsumer;
import java.util.stream.Stream;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.customssentinel.avro.Alert;
import org.customssentinel.avro.Declaration;
import org.customssentinel.avro.FlowWindow;
import org.customssentinel.avro.HsClassification;
import org.customssentinel.avro.WatchlistEntry;
import org.customssentinel.producer.reference.HsClassificationReader;
import org.customssentinel.producer.reference.WatchlistReader;
import org.customssentinel.schemas.registry.MockSchemaRegistry;
import org.customssentinel.schemas.registry.SchemaRegistryClient;
import org.customssentinel.schemas.registry.SchemaRegistryClients;
import org.customssentinel.schemas.serde.AvroDeserializer;
import org.customssentinel.schemas.serde.AvroSerdeConfig;
import org.customssentinel.schemas.serde.AvroSerializer;
import org.customssentinel.streams.flow.FlowKeys;
import org.customssentinel.streams.metrics.SentinelMetrics;
import org.customssentinel.streams.topology.InputLanes;
import org.customssentinel.streams.topology.SentinelTopology;
import org.customssentinel.streams.topology.StateStorage;
import org.customssentinel.streams.topology.TopologySettings;

/**
 * The streams app's topology in a {@link TopologyTestDriver}: the same processors, stores and serdes (Avro in the
 * Confluent wire format, against an in-memory registry of its own), fed the declarations as the producer would publish
 * them. No broker, no registry; the state directory is temporary and removed.
 *
 * <p>The live app decides LATE and closes windows per input partition; this reads the file through one task, so each
 * declaration is assigned the partition the producer would give it among {@code partitions} ({@link InputLanes}) and
 * the FINAL alerts are those of a live run on a topic of that many partitions.
 */
public final class OfflinePipeline {

    private static final String APPLICATION_ID = "sentinel-backtest";
    /** Outputs nobody reads here are dropped this often: the driver keeps every record written until read. */
    private static final int DRAIN_EVERY = 2048;

    private final ReferenceData reference;
    private final int partitions;

    public OfflinePipeline(ReferenceData reference, int partitions) {
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be at least 1, was " + partitions);
        }
        this.reference = reference;
        this.partitions = partitions;
    }

    /** Runs {@code setting} over {@code input}; {@code progress} gets the fraction of declarations processed. */
    public BacktestResult run(BacktestInput input, BacktestSetting setting, DoubleConsumer progress) {
        return run(input, setting, Set.of(), progress);
    }

    /**
     * As {@link #run(BacktestInput, BacktestSetting, DoubleConsumer)}, keeping the latest figures of every window of the
     * {@code watchedFlows} (flow keys such as {@code CN|RU|845811}): what the report draws for each labelled anomaly.
     */
    public BacktestResult run(BacktestInput input, BacktestSetting setting, Set<String> watchedFlows, DoubleConsumer progress) {
        String scope = "backtest-" + UUID.randomUUID();
        Map<String, Object> serdeConfigs = Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, "mock://" + scope,
                AvroSerdeConfig.SPECIFIC_AVRO_READER, true);
        TopologySettings topology = new TopologySettings(TopologySettings.Topics.defaults(APPLICATION_ID), setting.classificationMode(),
                setting.flows().windows(), setting.flows().dimensions(), setting.rules(), partitions, serdeConfigs);
        TopologySettings.Topics topics = topology.topics();
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        Path stateDir = temporaryDirectory();
        long started = System.nanoTime();
        // One registry client for the topology and the records piped in and read out, as in the live app.
        try (SchemaRegistryClient registry = SchemaRegistryClients.fromConfigs(serdeConfigs);
             TopologyTestDriver driver = new TopologyTestDriver(SentinelTopology.build(topology, new SentinelMetrics(meters, Clock.systemUTC()),
                     registry, InputLanes.byKeyHash(partitions), StateStorage.IN_MEMORY), driverProperties(stateDir))) {
            AvroSerializer<SpecificRecord> values = new AvroSerializer<>(registry);
            values.configure(serdeConfigs, false);
            loadReference(driver, topics, values);
            TestOutputTopic<String, Alert> alertsOut = driver.createOutputTopic(topics.alerts(), new StringDeserializer(),
                    deserializer(registry, serdeConfigs));
            List<TestOutputTopic<byte[], byte[]>> unread = Stream.of(topics.enriched(), topics.flowEvents(), topics.rejected())
                    .map(topic -> driver.createOutputTopic(topic, new ByteArrayDeserializer(), new ByteArrayDeserializer())).toList();
            WatchedWindows windows = new WatchedWindows(watchedFlows, deserializer(registry, serdeConfigs),
                    driver.createOutputTopic(topics.flowsWindowed(), new StringDeserializer(), new ByteArrayDeserializer()));
            TestInputTopic<String, SpecificRecord> declarations = driver.createInputTopic(topics.declarations(), new StringSerializer(), values);
            List<FiredAlert> alerts = new ArrayList<>();
            List<Declaration> all = input.declarations();
            for (int i = 0; i < all.size(); i++) {
                Declaration declaration = all.get(i);
                declarations.pipeInput(new TestRecord<>(declaration.getDeclarationId(), declaration, declaration.getLodgedAt()));
                if ((i + 1) % DRAIN_EVERY == 0 || i == all.size() - 1) {
                    drain(alertsOut, alerts, unread);
                    windows.drain();
                    progress.accept((i + 1) / (double) all.size());
                }
            }
            Map<String, Long> rejected = new TreeMap<>(input.rejectedByReason());
            long topologyRejected = 0;
            for (Counter counter : meters.find("sentinel.records.rejected").counters()) {
                long count = (long) counter.count();
                rejected.merge(counter.getId().getTag("reason"), count, Long::sum);
                topologyRejected += count;
            }
            long duplicates = (long) meters.get("sentinel.declarations.duplicate").counter().count();
            return new BacktestResult(setting, all.size(), input.rejected() + topologyRejected, rejected, duplicates, alerts,
                    windows.byFlow(), Duration.ofNanos(System.nanoTime() - started));
        } finally {
            MockSchemaRegistry.drop(scope);
            delete(stateDir);
        }
    }

    private static Properties driverProperties(Path stateDir) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, APPLICATION_ID);
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "offline:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        // The driver commits after every record, so a cache would only be filled and flushed each time.
        props.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 0);
        return props;
    }

    /** The classification lists and watchlist onto their topics, keyed as {@code load-reference} keys them. */
    private void loadReference(TopologyTestDriver driver, TopologySettings.Topics topics, AvroSerializer<SpecificRecord> values) {
        TestInputTopic<String, SpecificRecord> hs = driver.createInputTopic(topics.hsClassifications(), new StringSerializer(), values);
        for (HsClassification entry : reference.classifications()) {
            hs.pipeInput(HsClassificationReader.key(entry), entry);
        }
        TestInputTopic<String, SpecificRecord> watchlist = driver.createInputTopic(topics.watchlist(), new StringSerializer(), values);
        for (WatchlistEntry entry : reference.watchlist()) {
            watchlist.pipeInput(WatchlistReader.key(entry), entry);
        }
    }

    private static <T> AvroDeserializer<T> deserializer(SchemaRegistryClient registry, Map<String, Object> serdeConfigs) {
        AvroDeserializer<T> deserializer = new AvroDeserializer<>(registry);
        deserializer.configure(serdeConfigs, false);
        return deserializer;
    }

    /** The latest record of each window of the watched flows, from customs.flows.windowed; the rest only dropped. */
    private static final class WatchedWindows {
        private final Set<String> flows;
        private final AvroDeserializer<FlowWindow> values;
        private final TestOutputTopic<String, byte[]> topic;
        private final Map<String, TreeMap<Long, FlowWindow>> latest = new TreeMap<>();

        WatchedWindows(Set<String> flows, AvroDeserializer<FlowWindow> values, TestOutputTopic<String, byte[]> topic) {
            this.flows = flows;
            this.values = values;
            this.topic = topic;
        }

        void drain() {
            for (TestRecord<String, byte[]> record : topic.readRecordsToList()) {
                String flow = FlowKeys.flowOfWindowedTopicKey(record.key());
                if (flows.contains(flow)) {
                    FlowWindow window = values.deserialize("", record.value());
                    latest.computeIfAbsent(flow, f -> new TreeMap<>()).put(window.getWindowStart().toEpochMilli(), window);
                }
            }
        }

        Map<String, List<FlowWindow>> byFlow() {
            Map<String, List<FlowWindow>> windows = new TreeMap<>();
            latest.forEach((flow, byStart) -> windows.put(flow, List.copyOf(byStart.values())));
            return windows;
        }
    }

    private static void drain(TestOutputTopic<String, Alert> alertsOut, List<FiredAlert> alerts, List<TestOutputTopic<byte[], byte[]>> unread) {
        for (TestRecord<String, Alert> record : alertsOut.readRecordsToList()) {
            alerts.add(new FiredAlert(record.value(), record.getRecordTime()));
        }
        unread.forEach(TestOutputTopic::readRecordsToList);
    }

    private static Path temporaryDirectory() {
        try {
            return Files.createTempDirectory("sentinel-backtest-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary state directory: " + e.getMessage(), e);
        }
    }

    private static void delete(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // The driver may already have removed it; nothing else to do.
        }
    }
}
