package org.customssentinel.streams.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.customssentinel.avro.Alert;
import org.customssentinel.avro.AlertRule;
import org.customssentinel.avro.AlertStatus;
import org.customssentinel.localstack.StackEndpoints;
import org.customssentinel.localstack.junit.LocalStackExtension;
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
import org.customssentinel.streams.detect.ReferencePeriod;
import org.customssentinel.streams.detect.RuleSettings;
import org.customssentinel.streams.enrich.ClassificationMode;
import org.customssentinel.streams.flow.WindowSettings;
import org.customssentinel.streams.topology.TopologySettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scenarios end to end on the real broker and registry, six partitions, exactly once: chpl-surge raises what it
 * plants and what the published figures imply; steady raises nothing.
 */
@ExtendWith(LocalStackExtension.class)
class ScenarioDetectionIT {

    private static final ReferencePeriod PRE_SANCTIONS = ReferencePeriod.parse("2021-01-01/2022-02-24");

    private final StackEndpoints stack;

    @TempDir
    Path stateDir;

    ScenarioDetectionIT(StackEndpoints stack) {
        this.stack = stack;
    }

    @Test
    void shouldFindTheSurgesSpikesAndNewFlowsOfChplSurge() throws Exception {
        List<Alert> alerts = replay("chpl-surge");
        Set<String> surges = finals(alerts, AlertRule.SURGE);
        assertTrue(surges.containsAll(Set.of("CN|RU|845811", "CN|RU|845891", "CN|RU|845961")),
                "the China->Russia CNC machine tools rise tenfold against the pre-sanctions average: " + surges);
        assertTrue(surges.contains("AM|RU|854231"), "Armenia->Russia integrated circuits from nothing: " + surges);
        Set<String> spikes = finals(alerts, AlertRule.SPIKE);
        assertTrue(spikes.containsAll(Set.of("HK|RU|854231", "AE|RU|880730", "TR|RU|848210")), "the planted spikes: " + spikes);
        Alert hongKong = alerts.stream().filter(a -> a.getRule() == AlertRule.SPIKE && a.getStatus() == AlertStatus.FINAL
                && a.getFlow().getDispatchCountry().equals("HK")).findFirst().orElseThrow();
        assertEquals("Grand Meridian Components Ltd", hongKong.getTopParties().get(0).getName(), "the new trader behind it");
        assertTrue(alerts.stream().anyMatch(a -> a.getRule() == AlertRule.WATCHLIST_HIT), "listed parties in the spikes");
        for (Alert provisional : alerts.stream().filter(a -> a.getStatus() == AlertStatus.PROVISIONAL).toList()) {
            assertTrue(alerts.stream().anyMatch(a -> a.getAlertId().equals(provisional.getAlertId()) && a.getStatus() == AlertStatus.FINAL),
                    "every PROVISIONAL is borne out: " + provisional.getSummary());
        }
    }

    @Test
    void shouldRaiseTheSameFinalAlertsOnASecondReplay() throws Exception {
        Replay first = publish("chpl-surge");
        List<Alert> once = run(first, "first");
        List<Alert> again = run(first, "second");
        assertEquals(finalFigures(once), finalFigures(again), "same ids, same figures, whatever the interleaving");
        assertTrue(finalFigures(once).size() > 40, "a real comparison: " + finalFigures(once).size());
    }

    /** FINAL alerts by id, with the figures that must not change between replays. */
    private static Map<String, String> finalFigures(List<Alert> alerts) {
        Map<String, String> figures = new TreeMap<>();
        alerts.stream().filter(a -> a.getStatus() == AlertStatus.FINAL).forEach(a -> figures.put(a.getAlertId(),
                a.getRule() + " " + a.getCurrentValueUsd() + " " + a.getBaselineValueUsd() + " " + a.getRatio() + " " + a.getSummary()));
        return figures;
    }

    @Test
    void shouldRaiseNothingOnSteadyTrade() throws Exception {
        List<Alert> alerts = replay("steady");
        assertEquals(List.of(), alerts.stream().map(Alert::getSummary).toList());
    }

    /** A scenario published to topics of its own. */
    private record Replay(String prefix, TopologySettings.Topics topics, Map<String, Object> clients) {
    }

    private List<Alert> replay(String scenario) throws Exception {
        return run(publish(scenario), "app");
    }

    private Replay publish(String scenario) throws Exception {
        String prefix = scenario + "." + UUID.randomUUID().toString().substring(0, 6) + ".";
        Map<String, Object> clients = Map.of("bootstrap.servers", stack.bootstrapServers(), "schema.registry.url", stack.schemaRegistryUrl());
        TopologySettings.Topics topics = TopologySettings.Topics.prefixed(prefix);
        PublishConfig publish = new PublishConfig(clients, topics.declarations(), topics.rejected(), 6, (short) 1, Duration.ofSeconds(30));
        Preflight.prepareDeclarationTopics(publish);
        try (DeclarationPublisher publisher = new DeclarationPublisher(publish)) {
            ScenarioGenerator generator = ScenarioGenerator.create(scenario, 42, null, null, 1.0);
            new IngestRun(publisher, Speed.MAX, ProgressListener.NONE, false, Clock.systemUTC())
                    .publish(generator.declarations(), generator.estimatedCount());
        }
        // Reference data before the start: the global stores are complete once the app runs.
        new ReferenceLoader(PublishConfig.defaults(clients), topics.hsClassifications(), topics.watchlist())
                .load(HsClassificationReader.shipped(), WatchlistReader.shipped());
        return new Replay(prefix, topics, clients);
    }

    /** Runs a fresh app (its own id, state and outputs) over a published replay; returns its alerts. */
    private List<Alert> run(Replay replay, String name) throws Exception {
        TopologySettings.Topics in = replay.topics();
        String out = replay.prefix() + name + ".";
        TopologySettings.Topics topics = new TopologySettings.Topics(in.declarations(), out + "rejected", in.hsClassifications(),
                in.watchlist(), out + "enriched", out + "flow-events", out + "flows-windowed", out + "alerts");
        Map<String, Object> clients = replay.clients();
        String prefix = out;
        TopologySettings topology = new TopologySettings(topics, ClassificationMode.LATEST, WindowSettings.weekly(),
                RuleSettings.defaults().withSurgeReference(PRE_SANCTIONS), 6, clients);
        StreamsSettings settings = new StreamsSettings("it-" + prefix, clients, "exactly_once_v2", topology, 6, (short) 1,
                stateDir.resolve(prefix), Duration.ofSeconds(30));
        try (SentinelStreams app = SentinelStreams.start(settings)) {
            assertTrue(app.awaitRunning(Duration.ofSeconds(60)));
            awaitConsumed(clients, settings.applicationId(), topics.declarations(), Duration.ofMinutes(4));
            awaitConsumed(clients, settings.applicationId(), topics.flowEvents(), Duration.ofMinutes(1));
            return readAll(clients, topics.alerts());
        }
    }

    /** Waits until the app has committed every record of {@code topic}: with exactly-once, its output is then visible. */
    private static void awaitConsumed(Map<String, Object> clients, String group, String topic, Duration limit) throws Exception {
        try (Admin admin = Admin.create(clients)) {
            long deadline = System.nanoTime() + limit.toNanos();
            while (System.nanoTime() < deadline) {
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
                Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
                int partitions = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().size();
                for (int p = 0; p < partitions; p++) {
                    latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
                }
                boolean done = true;
                for (var end : admin.listOffsets(latest).all().get().entrySet()) {
                    OffsetAndMetadata at = committed.get(end.getKey());
                    // Transaction markers take offsets too: within two of the end is everything.
                    done &= at != null && end.getValue().offset() - at.offset() <= 2;
                }
                if (done) {
                    return;
                }
                Thread.sleep(1_000);
            }
            throw new AssertionError("the app did not consume " + topic + " within " + limit);
        }
    }

    /** Every committed alert, read until a few seconds pass without one. */
    private static List<Alert> readAll(Map<String, Object> clients, String topic) {
        Map<String, Object> configs = new HashMap<>(clients);
        configs.put(ConsumerConfig.GROUP_ID_CONFIG, "it-alerts-" + UUID.randomUUID());
        configs.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        configs.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        configs.put(AvroSerdeConfig.SPECIFIC_AVRO_READER, true);
        AvroDeserializer<Alert> values = new AvroDeserializer<>();
        values.configure(configs, false);
        List<Alert> alerts = new ArrayList<>();
        try (KafkaConsumer<String, Alert> consumer = new KafkaConsumer<>(configs, new StringDeserializer(), values)) {
            consumer.subscribe(List.of(topic));
            long lastSeen = System.nanoTime();
            while (System.nanoTime() - lastSeen < Duration.ofSeconds(5).toNanos()) {
                ConsumerRecords<String, Alert> records = consumer.poll(Duration.ofMillis(500));
                records.forEach(r -> alerts.add(r.value()));
                if (!records.isEmpty()) {
                    lastSeen = System.nanoTime();
                }
            }
        }
        return alerts;
    }

    private static Set<String> finals(List<Alert> alerts, AlertRule rule) {
        return alerts.stream().filter(a -> a.getRule() == rule && a.getStatus() == AlertStatus.FINAL)
                .map(a -> a.getFlow().getDispatchCountry() + "|" + a.getFlow().getDestinationCountry() + "|" + a.getFlow().getHsCode())
                .collect(Collectors.toSet());
    }
}
