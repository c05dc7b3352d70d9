package org.customssentinel.streams.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.customssentinel.avro.ClassificationBasis;
import org.customssentinel.avro.Declaration;
import org.customssentinel.avro.DeclarationType;
import org.customssentinel.avro.EnrichedDeclaration;
import org.customssentinel.avro.GoodsItem;
import org.customssentinel.avro.HsClassification;
import org.customssentinel.avro.Party;
import org.customssentinel.avro.RejectedRecord;
import org.customssentinel.avro.WatchlistEntry;
import org.customssentinel.localstack.StackEndpoints;
import org.customssentinel.localstack.junit.LocalStackExtension;
import org.customssentinel.schemas.serde.AvroDeserializer;
import org.customssentinel.schemas.serde.AvroSerdeConfig;
import org.customssentinel.schemas.serde.AvroSerializer;
import org.customssentinel.schemas.topic.TopicProvisioner;
import org.customssentinel.streams.detect.RuleSettings;
import org.customssentinel.streams.enrich.ClassificationMode;
import org.customssentinel.streams.flow.WindowSettings;
import org.customssentinel.streams.topology.TopologySettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The streams app on the real broker and registry: reference data and declarations in, enriched and rejected out. */
@ExtendWith(LocalStackExtension.class)
class StreamsAppIT {

    private final StackEndpoints stack;
    private final String unique = UUID.randomUUID().toString().substring(0, 8);

    @TempDir
    Path stateDir;

    StreamsAppIT(StackEndpoints stack) {
        this.stack = stack;
    }

    @Test
    void shouldEnrichDeclarationsAndRejectPoisonPillsExactlyOnce() throws Exception {
        Map<String, Object> clients = Map.of("bootstrap.servers", stack.bootstrapServers(), "schema.registry.url", stack.schemaRegistryUrl());
        TopologySettings.Topics topics = TopologySettings.Topics.prefixed("it." + unique + ".");
        TopologySettings topology = new TopologySettings(topics, ClassificationMode.LATEST, WindowSettings.weekly(), RuleSettings.defaults(),
                1, clients);
        StreamsSettings settings = new StreamsSettings("it-" + unique, clients, "exactly_once_v2", topology, 2, (short) 1, stateDir,
                Duration.ofSeconds(30));
        // Loaded before the start: a global store is complete once the app is RUNNING, later updates arrive asynchronously.
        new TopicProvisioner(clients, Duration.ofSeconds(30)).ensure(Map.of(topics.hsClassifications(), Map.of(), topics.watchlist(), Map.of()), 1, (short) 1);
        try (KafkaProducer<String, SpecificRecord> producer = new KafkaProducer<>(clients, new StringSerializer(), serializer(clients))) {
            HsClassification chpl = HsClassification.newBuilder().setPrefix("854231").setListId("CHPL").setCategory("Tier 1")
                    .setDescription("Processors and controllers").setLegalBasis("CHPL").setListVersion("2024-02-23")
                    .setValidFrom(LocalDate.of(2024, 2, 23)).setBasis(ClassificationBasis.LISTED).build();
            producer.send(new ProducerRecord<>(topics.hsClassifications(), "CHPL:2024-02-23:854231", chpl)).get();
            WatchlistEntry listed = WatchlistEntry.newBuilder().setEntryId("e1").setName("OOO Tekhnopark Vostok")
                    .setListId("SAMPLE").setListVersion("1").build();
            producer.send(new ProducerRecord<>(topics.watchlist(), "SAMPLE:e1", listed)).get();
        }
        try (SentinelStreams app = SentinelStreams.start(settings)) {
            assertTrue(app.awaitRunning(Duration.ofSeconds(60)), "running, not " + app.state());
            try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(clients, new StringSerializer(), new ByteArraySerializer())) {
                AvroSerializer<Declaration> declarations = new AvroSerializer<>();
                declarations.configure(clients, false);
                for (int i = 1; i <= 20; i++) {
                    Declaration d = declaration("D" + i, Instant.parse("2022-03-24T08:00:00Z").plusSeconds(3600L * i));
                    producer.send(new ProducerRecord<>(topics.declarations(), null, d.getLodgedAt().toEpochMilli(), d.getDeclarationId(),
                            declarations.serialize(topics.declarations(), d))).get();
                }
                producer.send(new ProducerRecord<>(topics.declarations(), "poison", new byte[] {0, 0, 0, 0, 99, 1})).get();
            }
            List<ConsumerRecord<String, EnrichedDeclaration>> enriched = consume(clients, topics.enriched(), 20);
            EnrichedDeclaration first = enriched.get(0).value();
            assertEquals("CHPL", first.getItems().get(0).getMatches().get(0).getListId());
            assertEquals("OOO Tekhnopark Vostok", first.getPartyMatches().get(0).getMatchedName());
            assertEquals(20, enriched.stream().map(ConsumerRecord::key).distinct().count(), "each declaration once");
            List<ConsumerRecord<String, RejectedRecord>> rejected = consume(clients, topics.rejected(), 1);
            assertEquals("UNDESERIALIZABLE", rejected.get(0).value().getReasons().get(0).getCode());
            assertEquals(topics.declarations(), rejected.get(0).value().getSource());
        }
    }

    private static Declaration declaration(String id, Instant lodgedAt) {
        return Declaration.newBuilder().setDeclarationId(id).setDeclarationType(DeclarationType.IMPORT).setLodgedAt(lodgedAt)
                .setDeclarant(Party.newBuilder().setName("Broker").build())
                .setExporter(Party.newBuilder().setName("Shenzhen Huaxin Electronics Co., Ltd.").setCountry("CN").build())
                .setImporter(Party.newBuilder().setName("Tekhnopark Vostok LLC").setCountry("RU").build())
                .setCountryOfOrigin("CN").setCountryOfDispatch("CN").setCountryOfDestination("RU")
                .setItems(List.of(GoodsItem.newBuilder().setItemNumber(1).setHsCode("8542310000").setDescription("Processors")
                        .setQuantity(new BigDecimal("100.000")).setUnit("pcs").setNetMassKg(new BigDecimal("1.000"))
                        .setValueUsd(new BigDecimal("25000.00")).build()))
                .build();
    }

    private static AvroSerializer<SpecificRecord> serializer(Map<String, Object> clients) {
        AvroSerializer<SpecificRecord> serializer = new AvroSerializer<>();
        serializer.configure(clients, false);
        return serializer;
    }

    private <V> List<ConsumerRecord<String, V>> consume(Map<String, Object> clients, String topic, int expected) {
        Map<String, Object> configs = new HashMap<>(clients);
        configs.put(ConsumerConfig.GROUP_ID_CONFIG, "it-reader-" + unique + topic);
        configs.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        configs.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        configs.put(AvroSerdeConfig.SPECIFIC_AVRO_READER, true);
        AvroDeserializer<V> values = new AvroDeserializer<>();
        values.configure(configs, false);
        List<ConsumerRecord<String, V>> records = new ArrayList<>();
        try (KafkaConsumer<String, V> consumer = new KafkaConsumer<>(configs, new StringDeserializer(), values)) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (records.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            consumer.poll(Duration.ofMillis(1000)).forEach(records::add);
        }
        assertEquals(expected, records.size(), "records on " + topic);
        return records;
    }
}
