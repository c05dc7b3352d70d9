package org.customssentinel.backtest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Stream;
import java.util.function.DoubleConsumer;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.api.Record;
import org.customssentinel.avro.Alert;
import org.customssentinel.avro.Declaration;
import org.customssentinel.avro.DeclarationRisk;
import org.customssentinel.avro.RiskLane;
import org.customssentinel.avro.FlowWindow;
import org.customssentinel.avro.HsClassification;
import org.customssentinel.avro.WatchlistEntry;
import org.customssentinel.producer.reference.HsClassificationReader;
import org.customssentinel.producer.reference.WatchlistReader;
import org.customssentinel.schemas.registry.MockSchemaRegistry;
import org.customssentinel.schemas.registry.SchemaRegistryClient;
import org.customssentinel.schemas.registry.SchemaRegistryClients;
import org.customssentinel.schemas.serde.AvroSerdeConfig;
import org.customssentinel.schemas.serde.AvroSerializer;
import org.customssentinel.streams.flow.FlowKeys;
import org.customssentinel.streams.metrics.SentinelMetrics;
import org.customssentinel.streams.risk.OpenAlerts;
import org.customssentinel.streams.topology.InputLanes;
import org.customssentinel.streams.topology.SentinelTopology;
import org.customssentinel.streams.topology.StateStorage;
import org.customssentinel.streams.topology.TopologySettings;

/**
 * The streams app's topology run offline ({@link DirectTopology}): the same processors and stores, fed the declarations
 * as the producer would publish them (Avro in the Confluent wire format, against an in-memory registry of its own). No
 * broker, no registry; the state directory is temporary and removed.
 *
 * <p>The live app decides LATE and closes windows per input partition; this reads the file through one task, so each
 * declaration is assigned the partition the producer would give it among {@code partitions} ({@link InputLanes}) and
 * the FINAL alerts are those of a live run on a topic of that many partitions.
 */
public final class OfflinePipeline {

    private static final String APPLICATION_ID = "sentinel-backtest";
    /** How often progress is told, in declarations. */
    private static final int PROGRESS_EVERY = 2048;

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
        // Subjects by topic and record: the stores' serdes all name one topic here ("changelog", MockProcessorContext's
        // name for every store's), and a record's subject only files its schema; readers go by schema id.
        Map<String, Object> serdeConfigs = Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, "mock://" + scope,
                AvroSerdeConfig.SPECIFIC_AVRO_READER, true, AvroSerdeConfig.VALUE_SUBJECT_NAME_STRATEGY, "TopicRecordNameStrategy");
        TopologySettings topology = new TopologySettings(TopologySettings.Topics.defaults(APPLICATION_ID), setting.classificationMode(),
                setting.flows().windows(), setting.flows().dimensions(), setting.rules(), partitions, serdeConfigs);
        TopologySettings.Topics topics = topology.topics();
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        Path stateDir = temporaryDirectory();
        long started = System.nanoTime();
        // One registry client for the topology and the declarations encoded for it, as in the live app.
        try (SchemaRegistryClient registry = SchemaRegistryClients.fromConfigs(serdeConfigs);
             DirectTopology engine = new DirectTopology(APPLICATION_ID, stateDir)) {
            // The alerts raised so far, for the risk lanes' flow-alert and new-trader indicators: live, the app reads them back
            // from customs.alerts as they commit; here each is known the moment it is written.
            OpenAlerts open = new OpenAlerts();
            SentinelTopology.wire(engine, topology, new SentinelMetrics(meters, Clock.systemUTC()), registry, InputLanes.byKeyHash(partitions),
                    StateStorage.IN_MEMORY, open);
            List<FiredAlert> alerts = new ArrayList<>();
            // Copies: what the processors forward is theirs to reuse.
            engine.observe(topics.alerts(), record -> {
                Alert alert = Alert.newBuilder((Alert) record.value()).build();
                alerts.add(new FiredAlert(alert, Instant.ofEpochMilli(record.timestamp())));
                open.add(alert);
            });
            WatchedWindows windows = new WatchedWindows(watchedFlows);
            engine.observe(topics.flowsWindowed(), windows::add);
            Map<RiskLane, Long> lanes = new EnumMap<>(RiskLane.class);
            engine.observe(topics.risk(), record -> lanes.merge(((DeclarationRisk) record.value()).getLane(), 1L, Long::sum));
            engine.start();
            loadReference(engine, topics);
            AvroSerializer<SpecificRecord> values = new AvroSerializer<>(registry);
            values.configure(serdeConfigs, false);
            List<Declaration> all = input.declarations();
            for (int i = 0; i < all.size(); i++) {
                Declaration declaration = all.get(i);
                engine.pipe(topics.declarations(), declaration.getDeclarationId(), values.serialize(topics.declarations(), declaration),
                        declaration.getLodgedAt().toEpochMilli());
                if ((i + 1) % PROGRESS_EVERY == 0 || i == all.size() - 1) {
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
                    windows.byFlow(), lanes, Duration.ofNanos(System.nanoTime() - started));
        } finally {
            MockSchemaRegistry.drop(scope);
            delete(stateDir);
        }
    }

    /** The classification lists and watchlist onto their topics, keyed as {@code load-reference} keys them. */
    private void loadReference(DirectTopology engine, TopologySettings.Topics topics) {
        for (HsClassification entry : reference.classifications()) {
            engine.pipe(topics.hsClassifications(), HsClassificationReader.key(entry), entry, 0);
        }
        for (WatchlistEntry entry : reference.watchlist()) {
            engine.pipe(topics.watchlist(), WatchlistReader.key(entry), entry, 0);
        }
    }

    /** The latest record of each window of the watched flows, from customs.flows.windowed; the rest not kept. */
    private static final class WatchedWindows {
        private final Set<String> flows;
        private final Map<String, TreeMap<Long, FlowWindow>> latest = new TreeMap<>();

        WatchedWindows(Set<String> flows) {
            this.flows = flows;
        }

        void add(Record<Object, Object> record) {
            String flow = FlowKeys.flowOfWindowedTopicKey((String) record.key());
            if (flows.contains(flow)) {
                FlowWindow window = FlowWindow.newBuilder((FlowWindow) record.value()).build();
                latest.computeIfAbsent(flow, f -> new TreeMap<>()).put(window.getWindowStart().toEpochMilli(), window);
            }
        }

        Map<String, List<FlowWindow>> byFlow() {
            Map<String, List<FlowWindow>> windows = new TreeMap<>();
            latest.forEach((flow, byStart) -> windows.put(flow, List.copyOf(byStart.values())));
            return windows;
        }
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
