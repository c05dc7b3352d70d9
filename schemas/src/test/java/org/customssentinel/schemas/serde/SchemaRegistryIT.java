package org.customssentinel.schemas.serde;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.customssentinel.avro.Declaration;
import org.customssentinel.localstack.StackEndpoints;
import org.customssentinel.localstack.junit.LocalStackExtension;
import org.customssentinel.schemas.Fixtures;
import org.customssentinel.schemas.registry.CompatibilityLevel;
import org.customssentinel.schemas.registry.SchemaRegistryClient;
import org.customssentinel.schemas.registry.SchemaRegistryClients;
import org.customssentinel.schemas.registry.SchemaRegistryException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The serde and client against the real registry of the local stack, and records through a real broker. */
@ExtendWith(LocalStackExtension.class)
class SchemaRegistryIT {

    private static final Schema PROBE_V1 = SchemaBuilder.record("Probe").namespace("it").fields()
            .requiredString("name").endRecord();
    private static final Schema PROBE_V2 = SchemaBuilder.record("Probe").namespace("it").fields()
            .requiredString("name").name("tier").type().stringType().stringDefault("unlisted").endRecord();
    private static final Schema PROBE_INCOMPATIBLE = SchemaBuilder.record("Probe").namespace("it").fields()
            .requiredString("name").requiredLong("score").endRecord();

    private final StackEndpoints stack;
    private final String unique = UUID.randomUUID().toString().substring(0, 8);
    private SchemaRegistryClient registry;

    SchemaRegistryIT(StackEndpoints stack) {
        this.stack = stack;
    }

    @BeforeEach
    void connect() {
        registry = SchemaRegistryClients.fromConfigs(configs());
    }

    private Map<String, Object> configs(Object... more) {
        Map<String, Object> configs = new HashMap<>();
        configs.put(AvroSerdeConfig.SCHEMA_REGISTRY_URL, stack.schemaRegistryUrl());
        for (int i = 0; i < more.length; i += 2) {
            configs.put((String) more[i], more[i + 1]);
        }
        return configs;
    }

    @Test
    void shouldCarryDeclarationsThroughKafkaInTheConfluentWireFormat() {
        String topic = "it.declarations." + unique;
        Declaration declaration = Fixtures.processorsToRussia("MRN-IT-" + unique);
        Map<String, Object> producerConfigs = new HashMap<>(configs());
        producerConfigs.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
        try (KafkaProducer<String, Declaration> producer = new KafkaProducer<>(producerConfigs, new StringSerializer(), serializer())) {
            producer.send(new ProducerRecord<>(topic, declaration.getDeclarationId(), declaration)).get();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        byte[] raw = consumeOne(topic);
        int id = registry.lookup(topic + "-value", Declaration.getClassSchema()).id();
        assertEquals(0, raw[0], "magic byte");
        assertEquals(id, ByteBuffer.wrap(raw, 1, 4).getInt(), "schema id");

        try (SpecificAvroSerde<Declaration> serde = new SpecificAvroSerde<>()) {
            serde.configure(configs(), false);
            assertEquals(declaration, serde.deserializer().deserialize(topic, raw));
        }
    }

    @Test
    void shouldRoundTripGenericRecords() {
        String topic = "it.generic." + unique;
        GenericRecord probe = probe(PROBE_V2, "Tekhnopark", "Tier 1");
        AvroSerializer<GenericRecord> serializer = new AvroSerializer<>();
        serializer.configure(configs(), false);
        AvroDeserializer<GenericRecord> deserializer = new AvroDeserializer<>();
        deserializer.configure(configs(), false);
        GenericRecord read = deserializer.deserialize(topic, serializer.serialize(topic, probe));
        assertEquals("Tekhnopark", read.get("name").toString());
        assertEquals("Tier 1", read.get("tier").toString());
    }

    @Test
    void shouldGiveTheSameSchemaTheSameIdEvenWhenItsTextDiffers() {
        String subject = "it.ids." + unique + "-value";
        int id = registry.register(subject, PROBE_V1);
        assertEquals(id, registry.register(subject, PROBE_V1));
        // Another client's JSON for the same schema: other spacing, other key order.
        Schema sameSchemaOtherText = new Schema.Parser().parse(
                "{ \"fields\": [ {\"type\": \"string\", \"name\": \"name\"} ], \"namespace\": \"it\", \"name\": \"Probe\", \"type\": \"record\" }");
        assertEquals(id, SchemaRegistryClients.fromConfigs(configs()).register(subject, sameSchemaOtherText));
        assertEquals(id, registry.register("it.ids.other." + unique + "-value", PROBE_V1));
        assertEquals(List.of(1), registry.versions(subject));
    }

    @Test
    void shouldRefuseAnIncompatibleSchemaWithTheRegistrysMessage() {
        String subject = "it.compat." + unique + "-value";
        registry.register(subject, PROBE_V1);
        assertTrue(registry.testCompatibility(subject, PROBE_V2).compatible());
        assertFalse(registry.testCompatibility(subject, PROBE_INCOMPATIBLE).compatible());
        SchemaRegistryException refused = assertThrows(SchemaRegistryException.class, () -> registry.register(subject, PROBE_INCOMPATIBLE));
        assertEquals(409, refused.status());
        assertTrue(refused.getMessage().contains("refused POST /subjects/" + subject + "/versions"), refused.getMessage());

        AvroSerializer<GenericRecord> serializer = new AvroSerializer<>();
        serializer.configure(configs(), false);
        String topic = "it.compat." + unique;
        SerializationException e = assertThrows(SerializationException.class,
                () -> serializer.serialize(topic, probe(PROBE_INCOMPATIBLE, "x", 1L)));
        assertTrue(e.getMessage().contains(subject) && e.getMessage().contains("409"), e.getMessage());
    }

    @Test
    void shouldReadVersionOneDataAsVersionTwoAndBack() {
        String topic = "it.evolution." + unique;
        AvroSerializer<GenericRecord> serializer = new AvroSerializer<>();
        serializer.configure(configs(), false);
        byte[] writtenWithV1 = serializer.serialize(topic, probe(PROBE_V1, "Vostok"));
        byte[] writtenWithV2 = serializer.serialize(topic, probe(PROBE_V2, "Vostok", "Tier 2"));
        assertNotEquals(ByteBuffer.wrap(writtenWithV1, 1, 4).getInt(), ByteBuffer.wrap(writtenWithV2, 1, 4).getInt());
        assertEquals(List.of(1, 2), registry.versions(topic + "-value"));

        AvroDeserializer<GenericRecord> asV2 = new AvroDeserializer<>(null, PROBE_V2);
        asV2.configure(configs(), false);
        GenericRecord v1ReadAsV2 = asV2.deserialize(topic, writtenWithV1);
        assertEquals("unlisted", v1ReadAsV2.get("tier").toString());

        AvroDeserializer<GenericRecord> asV1 = new AvroDeserializer<>(null, PROBE_V1);
        asV1.configure(configs(), false);
        GenericRecord v2ReadAsV1 = asV1.deserialize(topic, writtenWithV2);
        assertEquals("Vostok", v2ReadAsV1.get("name").toString());
        assertNull(v2ReadAsV1.getSchema().getField("tier"));
    }

    @Test
    void shouldReadAndSetCompatibilityLevels() {
        String subject = "it.config." + unique + "-value";
        assertEquals(CompatibilityLevel.BACKWARD, registry.globalCompatibility(), "the local stack sets Confluent's default");
        registry.register(subject, PROBE_V1);
        registry.setSubjectCompatibility(subject, CompatibilityLevel.FULL);
        assertEquals(CompatibilityLevel.FULL, registry.subjectCompatibility(subject).orElseThrow());
        assertEquals(1, registry.lookup(subject, PROBE_V1).version());
        assertEquals(PROBE_V1, registry.latest(subject).schema());
    }

    private AvroSerializer<Declaration> serializer() {
        AvroSerializer<Declaration> serializer = new AvroSerializer<>();
        serializer.configure(configs(), false);
        return serializer;
    }

    private byte[] consumeOne(String topic) {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "it-" + unique,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            List<byte[]> values = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (values.isEmpty() && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    values.add(record.value());
                }
            }
            assertEquals(1, values.size(), "records on " + topic);
            return values.get(0);
        }
    }

    private static GenericRecord probe(Schema schema, Object... values) {
        GenericRecord record = new GenericData.Record(schema);
        for (int i = 0; i < values.length; i++) {
            record.put(i, values[i]);
        }
        return record;
    }
}
