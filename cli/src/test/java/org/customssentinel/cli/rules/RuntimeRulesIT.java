package org.customssentinel.cli.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.customssentinel.avro.Alert;
import org.customssentinel.avro.AlertRule;
import org.customssentinel.avro.AlertStatus;
import org.customssentinel.cli.Sentinel;
import org.customssentinel.localstack.StackEndpoints;
import org.customssentinel.localstack.junit.LocalStackExtension;
import org.customssentinel.schemas.serde.AvroDeserializer;
import org.customssentinel.schemas.serde.AvroSerdeConfig;
import org.customssentinel.schemas.topic.ConsumerProgress;
import org.customssentinel.schemas.topic.TopicNames;
import org.customssentinel.streams.app.SentinelStreams;
import org.customssentinel.streams.app.StreamsSettings;
import org.customssentinel.streams.detect.RuleSettings;
import org.customssentinel.streams.enrich.ClassificationMode;
import org.customssentinel.streams.flow.WindowSettings;
import org.customssentinel.streams.topology.TopologyStores;
import org.customssentinel.streams.topology.TopologySettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code sentinel rules set} against a running streams app on the local stack: the windows that close after the app
 * has read the change are judged by it, those before are not, and the alert says which version and ratio judged it.
 */
@ExtendWith(LocalStackExtension.class)
class RuntimeRulesIT {

    private static final String HEADER = "declaration_id,declaration_type,lodged_at,declarant_name,exporter_name,exporter_id,"
            + "exporter_country,importer_name,importer_id,importer_country,country_of_origin,country_of_dispatch,"
            + "country_of_destination,customs_office,transport_mode,item_no,hs_code,description,quantity,unit,net_mass_kg,value_usd";
    /** Windows are weeks from the epoch's Thursdays; week k starts WEEK0 + k weeks. */
    private static final Instant WEEK0 = Instant.parse("2022-01-06T00:00:00Z");

    @TempDir
    Path dir;

    private final String unique = UUID.randomUUID().toString().substring(0, 8);
    private final String prefix = "rules-it-" + unique + ".";
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private int rows;

    private int run(String... args) {
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        CommandLine sentinel = Sentinel.commandLine();
        sentinel.setOut(new PrintWriter(out, true));
        sentinel.setErr(new PrintWriter(err, true));
        return sentinel.execute(args);
    }

    private String[] connected(StackEndpoints stack, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--bootstrap-servers", stack.bootstrapServers(), "--schema-registry-url", stack.schemaRegistryUrl(),
                "--topic-prefix", prefix));
        return all.toArray(String[]::new);
    }

    private static Instant week(int k, int days) {
        return WEEK0.plus(Duration.ofDays(7L * k + days));
    }

    /** Processors (CHPL Tier 1) from China to Russia, or furniture from Germany (no list) to move stream time on. */
    private String row(Instant at, boolean chips, String usd) {
        rows++;
        return String.format("RULES-%04d,IMPORT,%s,Broker,%s,,%s,OOO Tekhnopark Vostok,,RU,%s,%s,RU,RU10702070,ROAD,1,%s,%s,10,pcs,8.4,%s",
                rows, at, chips ? "Shenzhen Huaxin Electronics Co." : "Moebelwerk Sued GmbH", chips ? "CN" : "DE", chips ? "CN" : "DE",
                chips ? "CN" : "DE", chips ? "854231" : "940360", chips ? "Processors" : "Chairs", usd);
    }

    private void produce(StackEndpoints stack, List<String> lines) throws Exception {
        Path file = Files.writeString(dir.resolve("part-" + rows + ".csv"), HEADER + "\n" + String.join("\n", lines) + "\n");
        // One partition: windows close on the least watermark over the input partitions, and these few rows reach one.
        assertEquals(0, run(connected(stack, "produce", file.toString(), "--partitions", "1")), err::toString);
    }

    @Test
    void shouldJudgeWindowsClosingAfterAChangeByItAndRecordItOnTheAlert(StackEndpoints stack) throws Exception {
        assertEquals(0, run(connected(stack, "load-reference")), err::toString);
        List<String> before = new ArrayList<>();
        for (int k = 0; k <= 6; k++) {
            before.add(row(week(k, 3), true, "100000.00"));
        }
        before.add(row(week(7, 1), true, "300000.00"));
        before.add(row(week(8, 1).plusSeconds(1), false, "10.00"));
        produce(stack, before);

        String app = prefix + "app";
        Map<String, Object> clients = Map.of("bootstrap.servers", stack.bootstrapServers(), "schema.registry.url", stack.schemaRegistryUrl());
        TopologySettings topology = new TopologySettings(TopologySettings.Topics.of(new TopicNames(prefix), app), ClassificationMode.LATEST,
                WindowSettings.weekly(), RuleSettings.defaults(), 1, clients);
        try (SentinelStreams streams = SentinelStreams.start(new StreamsSettings(app, clients, "exactly_once_v2", topology, 1, (short) 1,
                dir.resolve("state"), Duration.ofSeconds(30)));
             Admin admin = Admin.create(Map.of("bootstrap.servers", stack.bootstrapServers()))) {
            assertTrue(streams.awaitRunning(Duration.ofSeconds(60)));
            long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
            while (!ConsumerProgress.consumedAll(admin, app, topology.topics().declarations())
                    || !ConsumerProgress.consumedAll(admin, app, topology.topics().flowEvents())) {
                assertTrue(System.nanoTime() < deadline, "the app did not consume the first weeks within 90 s");
                Thread.sleep(200);
            }

            assertEquals(2, run(connected(stack, "rules", "set", "rules.spike.ratio=fast", "--reason", "typo")));
            assertTrue(err.toString().contains("invalid setting: rules.spike.ratio=fast: not a number; nothing published"), err::toString);
            assertEquals(0, run(connected(stack, "rules", "set", "rules.spike.ratio=2.5", "--reason", "CHPL review 2026-114",
                    "--by", "analyst")), err::toString);
            assertTrue(out.toString().startsWith("rules.spike.ratio = 2.5\n"), out::toString);

            ReadOnlyKeyValueStore<String, byte[]> read = streams.kafkaStreams().store(StoreQueryParameters.fromNameAndType(
                    TopologyStores.RULE_SETTINGS, QueryableStoreTypes.keyValueStore()));
            while (read.get("rules.spike.ratio") == null) {
                assertTrue(System.nanoTime() < deadline, "the app did not read the change");
                Thread.sleep(100);
            }
            produce(stack, List.of(row(week(8, 2), true, "300000.00"), row(week(9, 1).plusSeconds(1), false, "10.00")));

            List<Alert> spikes = spikes(stack, topology.topics().alerts(), deadline);
            assertEquals(1, spikes.size(), () -> "one FINAL SPIKE, week 8's: " + spikes);
            Alert spike = spikes.get(0);
            assertEquals(week(8, 0), spike.getWindowStart(), "week 7 (3x as well) closed before the change, under ratio 10");
            assertEquals(1L, spike.getRulesVersion());
            assertEquals("2.5", spike.getRulesApplied().get("spike.ratio"));
        }

        assertEquals(0, run(connected(stack, "rules", "show")), err::toString);
        assertTrue(out.toString().startsWith("rules version 1 "), out::toString);
        assertTrue(out.toString().lines().anyMatch(l -> l.startsWith("rules.spike.ratio") && l.contains(" 2.5 ")
                && l.contains("topic, version 1, ") && l.contains("by analyst: CHPL review 2026-114")), out::toString);
        assertTrue(out.toString().lines().anyMatch(l -> l.matches("rules\\.floor\\.usd +100000 +default")), out::toString);
        assertEquals(0, run(connected(stack, "rules", "unset", "rules.spike.ratio", "--reason", "review closed", "--by", "analyst")),
                err::toString);
        assertEquals(0, run(connected(stack, "rules", "history", "rules.spike.ratio")), err::toString);
        List<String> history = out.toString().lines().toList();
        assertEquals(3, history.size(), out::toString);
        assertTrue(history.get(1).startsWith("1 ") && history.get(1).contains("2.5") && history.get(1).contains("CHPL review"), out::toString);
        assertTrue(history.get(2).startsWith("2 ") && history.get(2).contains(" - ") && history.get(2).contains("review closed"),
                out::toString);
    }

    /** The FINAL SPIKEs on the alerts topic, waiting for the first. */
    private static List<Alert> spikes(StackEndpoints stack, String topic, long deadline) throws Exception {
        Map<String, Object> configs = new HashMap<>();
        configs.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
        configs.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        configs.put(AvroSerdeConfig.SCHEMA_REGISTRY_URL, stack.schemaRegistryUrl());
        configs.put(AvroSerdeConfig.SPECIFIC_AVRO_READER, true);
        AvroDeserializer<Alert> values = new AvroDeserializer<>();
        values.configure(configs, false);
        List<Alert> finals = new ArrayList<>();
        try (KafkaConsumer<String, Alert> consumer = new KafkaConsumer<>(configs, new StringDeserializer(), values)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream().map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            while (finals.isEmpty()) {
                assertTrue(System.nanoTime() < deadline, "no FINAL SPIKE within the deadline");
                for (ConsumerRecord<String, Alert> record : consumer.poll(Duration.ofMillis(500))) {
                    if (record.value().getRule() == AlertRule.SPIKE && record.value().getStatus() == AlertStatus.FINAL) {
                        finals.add(record.value());
                    }
                }
            }
            // Anything committed with it (a FINAL for week 7 would be): one more poll.
            consumer.poll(Duration.ofSeconds(2)).forEach(record -> {
                if (record.value().getRule() == AlertRule.SPIKE && record.value().getStatus() == AlertStatus.FINAL) {
                    finals.add(record.value());
                }
            });
        }
        return finals;
    }
}
