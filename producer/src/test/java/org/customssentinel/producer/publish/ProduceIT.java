package org.customssentinel.producer.publish;

import static org.customssentinel.producer.Drafts.HEADER;
import static org.customssentinel.producer.Drafts.row;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.customssentinel.schemas.topic.TopicNames;
import org.customssentinel.avro.Declaration;
import org.customssentinel.avro.HsClassification;
import org.customssentinel.avro.RejectedRecord;
import org.customssentinel.avro.WatchlistEntry;
import org.customssentinel.localstack.StackEndpoints;
import org.customssentinel.localstack.junit.LocalStackExtension;
import org.customssentinel.producer.read.SourceFiles;
import org.customssentinel.producer.reference.HsClassificationReader;
import org.customssentinel.producer.reference.ReferenceLoader;
import org.customssentinel.producer.reference.WatchlistReader;
import org.customssentinel.schemas.serde.AvroDeserializer;
import org.customssentinel.schemas.serde.AvroSerdeConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Files through the real broker and registry, read back with plain consumers. */
@ExtendWith(LocalStackExtension.class)
class ProduceIT {

    private static final Clock NOW = Clock.fixed(Instant.parse("2024-06-01T00:00:00Z"), ZoneOffset.UTC);

    private final StackEndpoints stack;
    private final String unique = UUID.randomUUID().toString().substring(0, 8);

    @TempDir
    Path dir;

    ProduceIT(StackEndpoints stack) {
        this.stack = stack;
    }

    private Map<String, Object> clientConfigs() {
        return Map.of("bootstrap.servers", stack.bootstrapServers(), "schema.registry.url", stack.schemaRegistryUrl());
    }

    @Test
    void shouldPublishGoodDeclarationsAndRejectBadOnesWithEveryReason() throws Exception {
        Path file = Files.writeString(dir.resolve("mixed.csv"), String.join("\n",
                HEADER,
                row("D1", 1, "854231", "412500.00"),
                row("D1", 2, "8542.32", "1000.00"),
                row("D2", 1, "85AB31", "-5"),
                row("D3", 1, "854239", "99.99").replace("2022-03-24T08:15:00Z", "2022-03-25"),
                row("D4", 1, "854231", "10").replace("Shenzhen Huaxin", "\"Shenzhen\" Huaxin"),
                row("D1", 1, "854231", "10")) + "\n");
        PublishConfig config = new PublishConfig(clientConfigs(), "it.declarations." + unique, "it.rejected." + unique, 3, (short) 1,
                Duration.ofSeconds(30));
        Preflight.prepareDeclarationTopics(config);

        IngestRun.Summary summary;
        try (DeclarationPublisher publisher = new DeclarationPublisher(config)) {
            summary = new IngestRun(publisher, Speed.MAX, ProgressListener.NONE, false, NOW).run(SourceFiles.open(file));
        }
        assertEquals("accepted 2 declarations (3 items), rejected 3", summary.line().substring(0, summary.line().indexOf(" in ")));

        List<ConsumerRecord<String, Declaration>> accepted = consume(config.declarationsTopic(), 2);
        Map<String, ConsumerRecord<String, Declaration>> byKey = new HashMap<>();
        accepted.forEach(r -> byKey.put(r.key(), r));
        assertEquals(Instant.parse("2022-03-24T08:15:00Z").toEpochMilli(), byKey.get("D1").timestamp());
        assertEquals(Instant.parse("2022-03-25T00:00:00Z").toEpochMilli(), byKey.get("D3").timestamp());
        Declaration d1 = byKey.get("D1").value();
        assertEquals(List.of("854231", "854232"), d1.getItems().stream().map(i -> i.getHsCode()).toList());
        assertEquals(new BigDecimal("412500.00"), d1.getItems().get(0).getValueUsd());

        List<ConsumerRecord<String, RejectedRecord>> rejected = consume(config.rejectedTopic(), 3);
        Map<String, RejectedRecord> rejects = new HashMap<>();
        rejected.forEach(r -> rejects.put(r.key(), r.value()));
        String source = file.toString();
        assertEquals(List.of("INVALID_HS_CODE", "NEGATIVE_NUMBER"),
                rejects.get(source + ":4").getReasons().stream().map(r -> r.getCode()).toList());
        assertEquals(row("D2", 1, "85AB31", "-5"), rejects.get(source + ":4").getRawText());
        assertEquals("MALFORMED_CSV", rejects.get(source + ":6").getReasons().get(0).getCode());
        assertEquals(6L, rejects.get(source + ":6").getFirstLine());
        assertEquals("DUPLICATE_DECLARATION", rejects.get(source + ":7").getReasons().get(0).getCode());
        ConsumerRecord<String, RejectedRecord> badHs = rejected.stream().filter(r -> r.key().equals(source + ":4")).findFirst().orElseThrow();
        assertEquals(Instant.parse("2022-03-24T08:15:00Z").toEpochMilli(), badHs.timestamp(), "a reject keeps its event time");
    }

    @Test
    void shouldLoadTheShippedReferenceDataIntoCompactedTopics() throws Exception {
        PublishConfig config = PublishConfig.defaults(clientConfigs());
        List<HsClassification> classifications = HsClassificationReader.shipped();
        List<WatchlistEntry> watchlist = WatchlistReader.shipped();
        new ReferenceLoader(config, TopicNames.defaults()).load(classifications, watchlist);

        List<ConsumerRecord<String, HsClassification>> hs = consume(TopicNames.HS_CLASSIFICATIONS, classifications.size());
        assertTrue(hs.stream().anyMatch(r -> r.key().equals("CHPL:2024-02-23:854231") && r.value().getCategory().equals("Tier 1")));
        assertTrue(hs.stream().anyMatch(r -> r.key().equals("EU-2021/821-ANNEX-I:2021-09-09:8542")));
        List<ConsumerRecord<String, WatchlistEntry>> entries = consume(TopicNames.WATCHLIST, watchlist.size());
        assertEquals(watchlist.size(), entries.stream().map(ConsumerRecord::key).distinct().count());
        // Every streams instance reads these whole at start, partition by partition: one partition starts fastest.
        try (Admin admin = Admin.create(clientConfigs())) {
            var topics = admin.describeTopics(List.of(TopicNames.HS_CLASSIFICATIONS, TopicNames.WATCHLIST)).allTopicNames().get();
            topics.values().forEach(topic -> assertEquals(1, topic.partitions().size(), "partitions of " + topic.name()));
        }
    }

    private <V extends SpecificRecord> List<ConsumerRecord<String, V>> consume(String topic, int expected) {
        Map<String, Object> configs = new HashMap<>(clientConfigs());
        configs.put(ConsumerConfig.GROUP_ID_CONFIG, "it-" + unique + "-" + topic);
        configs.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        configs.put(AvroSerdeConfig.SPECIFIC_AVRO_READER, true);
        AvroDeserializer<V> values = new AvroDeserializer<>();
        values.configure(configs, false);
        List<ConsumerRecord<String, V>> records = new ArrayList<>();
        try (KafkaConsumer<String, V> consumer = new KafkaConsumer<>(configs, new StringDeserializer(), values)) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (records.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            // Anything beyond what was sent would show up in one more poll.
            consumer.poll(Duration.ofMillis(500)).forEach(records::add);
        }
        assertEquals(expected, records.size(), "records on " + topic);
        return records;
    }

}
