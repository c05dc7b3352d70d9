package org.customssentinel.streams.app;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.customssentinel.avro.Alert;
import org.customssentinel.avro.AlertStatus;
import org.customssentinel.avro.Declaration;
import org.customssentinel.avro.FlowWindow;
import org.customssentinel.localstack.StackEndpoints;
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
import org.customssentinel.schemas.serde.AvroDeserializer;
import org.customssentinel.schemas.serde.AvroSerdeConfig;
import org.customssentinel.schemas.topic.ConsumerProgress;
import org.customssentinel.streams.detect.ReferencePeriod;
import org.customssentinel.streams.detect.RuleSettings;
import org.customssentinel.streams.detect.SurgeRule;
import org.customssentinel.streams.enrich.ClassificationMode;
import org.customssentinel.streams.flow.FlowKeys;
import org.customssentinel.streams.flow.WindowSettings;
import org.customssentinel.streams.topology.TopologySettings;

/**
 * Scenario replays on the local stack for the end-to-end tests: each replay has topics of its own, each app run over
 * it an application id, state and outputs of its own, so runs can be compared.
 */
public final class Replays {

    public static final ReferencePeriod PRE_SANCTIONS = ReferencePeriod.parse("2021-01-01/2022-02-24");
    public static final int PARTITIONS = 6;

    private final Map<String, Object> clients;
    private final Path stateDir;

    public Replays(StackEndpoints stack, Path stateDir) {
        this(Map.of("bootstrap.servers", stack.bootstrapServers(), "schema.registry.url", stack.schemaRegistryUrl()), stateDir);
    }

    public Replays(Map<String, Object> clients, Path stateDir) {
        this.clients = Map.copyOf(clients);
        this.stateDir = stateDir;
    }

    /**
     * A replay's input topics, created, with the shipped reference data loaded (so global stores are complete at start);
     * {@code partitions}: of the declarations topic and of every topic an app run over it creates.
     */
    public record Replay(String prefix, TopologySettings.Topics topics, int partitions) {

        public static Replay of(String prefix) {
            return of(prefix, PARTITIONS);
        }

        public static Replay of(String prefix, int partitions) {
            return new Replay(prefix, TopologySettings.Topics.prefixed(prefix), partitions);
        }
    }

    public Map<String, Object> clients() {
        return clients;
    }

    public Replay prepare(String name) throws Exception {
        return prepare(name, PARTITIONS);
    }

    public Replay prepare(String name, int partitions) throws Exception {
        String prefix = name + "." + UUID.randomUUID().toString().substring(0, 6) + ".";
        Replay replay = Replay.of(prefix, partitions);
        TopologySettings.Topics topics = replay.topics();
        Preflight.prepareDeclarationTopics(publishConfig(replay));
        new ReferenceLoader(PublishConfig.defaults(clients), topics.hsClassifications(), topics.watchlist())
                .load(HsClassificationReader.shipped(), WatchlistReader.shipped());
        return replay;
    }

    /** Publishes a generated scenario (seed 42) to the replay's declarations topic; returns how many were accepted. */
    public long publish(Replay replay, String scenario, double scale, Speed speed) throws Exception {
        try (DeclarationPublisher publisher = new DeclarationPublisher(publishConfig(replay))) {
            ScenarioGenerator generator = ScenarioGenerator.create(scenario, 42, null, null, scale);
            return new IngestRun(publisher, speed, ProgressListener.NONE, false, Clock.systemUTC())
                    .publish(generator.declarations(), generator.estimatedCount()).accepted();
        }
    }

    /** Publishes one declaration to the replay, as our producer does (event time, published-at header). */
    public void send(Replay replay, Declaration declaration) {
        send(replay, List.of(declaration));
    }

    /** Publishes declarations to the replay in the order given, as our producer does. */
    public void send(Replay replay, List<Declaration> declarations) {
        try (DeclarationPublisher publisher = new DeclarationPublisher(publishConfig(replay))) {
            declarations.forEach(publisher::send);
            publisher.flush();
        }
    }

    private PublishConfig publishConfig(Replay replay) {
        TopologySettings.Topics topics = replay.topics();
        return new PublishConfig(clients, topics.declarations(), topics.rejected(), replay.partitions(), (short) 1, Duration.ofSeconds(30));
    }

    /**
     * The settings of an app run called {@code name} over the replay: the replay's input, outputs of its own, and the
     * replay's verdicts, which refer to alert ids and so outlive any one run, as on a real cluster.
     */
    public StreamsSettings settings(Replay replay, String name) {
        TopologySettings.Topics in = replay.topics();
        String out = replay.prefix() + name + ".";
        TopologySettings.Topics topics = new TopologySettings.Topics(in.declarations(), out + "rejected", in.hsClassifications(),
                in.watchlist(), in.rules(), out + "enriched", out + "flow-events", out + "flows-windowed", out + "alerts", out + "risk",
                in.dispositions());
        TopologySettings topology = new TopologySettings(topics, ClassificationMode.LATEST, WindowSettings.weekly(),
                RuleSettings.defaults().with(SurgeRule.REFERENCE, Optional.of(PRE_SANCTIONS)), replay.partitions(), clients);
        return new StreamsSettings("it-" + out, clients, "exactly_once_v2", topology, replay.partitions(), (short) 1, stateDir.resolve(out),
                Duration.ofSeconds(30));
    }

    /** Runs the app in this JVM over what the replay holds, until all of it is committed; returns its alerts. */
    public List<Alert> run(Replay replay, String name) throws Exception {
        StreamsSettings settings = settings(replay, name);
        try (SentinelStreams app = SentinelStreams.start(settings)) {
            if (!app.awaitRunning(Duration.ofSeconds(60))) {
                throw new AssertionError("the app did not reach RUNNING within 60 s");
            }
            awaitConsumed(settings, Duration.ofMinutes(4));
            return readAll(settings.topology().topics().alerts());
        }
    }

    /** Waits until the app has committed every input record and every flow event it made from them. */
    public void awaitConsumed(StreamsSettings settings, Duration limit) throws Exception {
        awaitConsumed(settings.applicationId(), settings.topology().topics().declarations(), limit);
        awaitConsumed(settings.applicationId(), settings.topology().topics().flowEvents(), Duration.ofMinutes(1));
    }

    /**
     * Waits until the app has also read back its own windows and alerts into its query tables, and nothing more comes:
     * running windows go out up to a second after the last flow event, and each step is visible a commit later.
     */
    public void awaitQueryable(StreamsSettings settings, Duration limit) throws Exception {
        awaitConsumed(settings, limit);
        TopologySettings.Topics topics = settings.topology().topics();
        Duration quiet = Duration.ofSeconds(3);
        while (true) {
            awaitConsumed(settings.applicationId(), topics.flowsWindowed(), Duration.ofMinutes(1));
            awaitConsumed(settings.applicationId(), topics.alerts(), Duration.ofMinutes(1));
            Thread.sleep(quiet.toMillis());
            if (consumed(settings.applicationId(), topics.flowsWindowed()) && consumed(settings.applicationId(), topics.alerts())) {
                return;
            }
        }
    }

    /** Waits until {@code group} has committed every record of {@code topic}: with exactly-once, its output is then visible. */
    public void awaitConsumed(String group, String topic, Duration limit) throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!consumed(group, topic)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(group + " did not consume " + topic + " within " + limit);
            }
            Thread.sleep(1_000);
        }
    }

    /** Whether {@code group} has committed every record of {@code topic}. */
    public boolean consumed(String group, String topic) throws Exception {
        try (Admin admin = Admin.create(clients)) {
            return ConsumerProgress.consumedAll(admin, group, topic);
        }
    }

    /** Every committed alert on {@code topic}, read until a few seconds pass without one. */
    public List<Alert> readAll(String topic) {
        return read(topic, Integer.MAX_VALUE, Duration.ofSeconds(5));
    }

    /**
     * Each window's latest figures on a customs.flows.windowed {@code topic}, by topic key, open windows included:
     * what a dashboard holds once the app has digested everything.
     */
    public Map<String, String> latestWindows(String topic) {
        Map<String, String> latest = new TreeMap<>();
        for (FlowWindow w : this.<FlowWindow>read(topic, Integer.MAX_VALUE, Duration.ofSeconds(5))) {
            latest.put(FlowKeys.windowedTopicKey(FlowKeys.key(w.getFlow()), w.getWindowStart().toEpochMilli()),
                    w.getClosed() + " " + w.getTotalValueUsd() + " " + w.getTotalNetMassKg() + " " + w.getItemCount() + " "
                            + w.getDeclarationCount() + " " + w.getBaselineValueUsd());
        }
        return latest;
    }

    /** Committed values on {@code topic} until {@code enough} are read or {@code quiet} passes without one. */
    public <T> List<T> read(String topic, int enough, Duration quiet) {
        Map<String, Object> configs = new HashMap<>(clients);
        configs.put(ConsumerConfig.GROUP_ID_CONFIG, "it-reader-" + UUID.randomUUID());
        configs.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        configs.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        configs.put(AvroSerdeConfig.SPECIFIC_AVRO_READER, true);
        AvroDeserializer<T> values = new AvroDeserializer<>();
        values.configure(configs, false);
        List<T> alerts = new ArrayList<>();
        try (KafkaConsumer<String, T> consumer = new KafkaConsumer<>(configs, new StringDeserializer(), values)) {
            consumer.subscribe(List.of(topic));
            long lastSeen = System.nanoTime();
            while (alerts.size() < enough && System.nanoTime() - lastSeen < quiet.toNanos()) {
                ConsumerRecords<String, T> records = consumer.poll(Duration.ofMillis(500));
                records.forEach(r -> alerts.add(r.value()));
                if (!records.isEmpty()) {
                    lastSeen = System.nanoTime();
                }
            }
        }
        return alerts;
    }

    /** Where two keyed results differ, at most ten entries: readable where the whole maps would not be. */
    public static String difference(Map<String, String> expected, Map<String, String> actual) {
        List<String> lines = new ArrayList<>();
        new TreeSet<>(union(expected.keySet(), actual.keySet())).forEach(key -> {
            if (!Objects.equals(expected.get(key), actual.get(key))) {
                lines.add(key + ": expected " + expected.get(key) + ", was " + actual.get(key));
            }
        });
        return lines.size() + " entries differ" + (lines.isEmpty() ? "" : ":\n" + String.join("\n", lines.subList(0, Math.min(10, lines.size()))));
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new TreeSet<>(a);
        all.addAll(b);
        return all;
    }

    /** FINAL alerts by id, with the figures that must not change between replays. */
    public static Map<String, String> finalFigures(List<Alert> alerts) {
        Map<String, String> figures = new TreeMap<>();
        alerts.stream().filter(a -> a.getStatus() == AlertStatus.FINAL).forEach(a -> figures.put(a.getAlertId(),
                a.getRule() + " " + a.getCurrentValueUsd() + " " + a.getBaselineValueUsd() + " " + a.getRatio() + " " + a.getSummary()));
        return figures;
    }
}
