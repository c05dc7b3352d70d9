package org.customssentinel.schemas.serde;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.customssentinel.avro.Declaration;
import org.customssentinel.schemas.Fixtures;
import org.customssentinel.schemas.registry.MockSchemaRegistry;
import org.customssentinel.schemas.registry.MockSchemaRegistryClient;
import org.customssentinel.schemas.registry.SchemaRegistryClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

class AvroSerdeTest {

    private static final String TOPIC = "customs.declarations";

    private String scope;

    @AfterEach
    void dropScope() {
        MockSchemaRegistry.drop(scope);
    }

    private Map<String, Object> configs(TestInfo test, Object... more) {
        scope = test.getDisplayName();
        Map<String, Object> configs = new HashMap<>();
        configs.put(AvroSerdeConfig.SCHEMA_REGISTRY_URL, "mock://" + scope);
        for (int i = 0; i < more.length; i += 2) {
            configs.put((String) more[i], more[i + 1]);
        }
        return configs;
    }

    @Test
    void shouldRoundTripADeclarationIntoItsGeneratedClass(TestInfo test) {
        try (SpecificAvroSerde<Declaration> serde = new SpecificAvroSerde<>()) {
            serde.configure(configs(test), false);
            Declaration declaration = Fixtures.processorsToRussia("MRN-22CN0001");
            byte[] bytes = serde.serializer().serialize(TOPIC, declaration);
            Declaration read = serde.deserializer().deserialize(TOPIC, bytes);
            assertEquals(declaration, read);
            assertEquals(new BigDecimal("412500.00"), read.getItems().get(0).getValueUsd());
        }
    }

    @Test
    void shouldFrameWithMagicByteAndTheRegisteredIdThenAvroBinary(TestInfo test) {
        try (SpecificAvroSerde<Declaration> serde = new SpecificAvroSerde<>()) {
            serde.configure(configs(test), false);
            byte[] bytes = serde.serializer().serialize(TOPIC, Fixtures.processorsToRussia("MRN-22CN0002"));
            int id = MockSchemaRegistry.scope(scope).lookup(TOPIC + "-value", Declaration.getClassSchema()).id();
            assertEquals(0, bytes[0]);
            assertEquals(id, ByteBuffer.wrap(bytes, 1, 4).getInt());
            // The body starts with the first field: declarationId as an Avro string (zig-zag length, then UTF-8).
            assertEquals(2 * "MRN-22CN0002".length(), bytes[5]);
        }
    }

    @Test
    void shouldWriteEachRecordWholeAfterAFailedOneAndFromSeveralThreads(TestInfo test) throws Exception {
        // Kafka Streams shares a serializer between its stream threads, and one bad record must not spoil the next.
        AvroSerializer<Declaration> reused = new AvroSerializer<>();
        reused.configure(configs(test), false);
        AvroSerializer<Declaration> fresh = new AvroSerializer<>();
        fresh.configure(configs(test), false);
        Declaration broken = Fixtures.processorsToRussia("MRN-22CN0003");
        broken.getItems().get(0).setDescription(null);
        assertThrows(SerializationException.class, () -> reused.serialize(TOPIC, broken));
        Declaration good = Fixtures.processorsToRussia("MRN-22CN0004");
        assertArrayEquals(fresh.serialize(TOPIC, good), reused.serialize(TOPIC, good));

        List<Declaration> declarations = IntStream.range(0, 200).mapToObj(i -> Fixtures.processorsToRussia("MRN-22CN1" + i)).toList();
        List<byte[]> expected = declarations.stream().map(d -> fresh.serialize(TOPIC, d)).toList();
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int t = 0; t < 2; t++) {
                results.add(threads.submit(() -> IntStream.range(0, declarations.size())
                        .allMatch(i -> Arrays.equals(expected.get(i), reused.serialize(TOPIC, declarations.get(i))))));
            }
            for (Future<Boolean> result : results) {
                assertTrue(result.get(), "every record written alike from every thread");
            }
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void shouldCloseOnlyTheRegistryClientItBuilt(TestInfo test) {
        // A client handed in may serve other serdes still (the streams app lends one to all of its own).
        MockSchemaRegistryClient mock = MockSchemaRegistry.scope(test.getDisplayName());
        AtomicInteger closes = new AtomicInteger();
        SchemaRegistryClient lent = (SchemaRegistryClient) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {SchemaRegistryClient.class}, (proxy, method, args) -> {
                    if (method.getName().equals("close")) {
                        closes.incrementAndGet();
                        return null;
                    }
                    return method.invoke(mock, args);
                });
        try (SpecificAvroSerde<Declaration> serde = new SpecificAvroSerde<>(lent)) {
            serde.configure(configs(test), false);
            Declaration declaration = Fixtures.processorsToRussia("MRN-22CN0005");
            assertEquals(declaration, serde.deserializer().deserialize(TOPIC, serde.serializer().serialize(TOPIC, declaration)));
        }
        assertEquals(0, closes.get(), "a lent client is left to its owner");
    }

    @Test
    void shouldRoundTripGenericRecordsWithRawDecimalsByDefaultAndBigDecimalsOnRequest(TestInfo test) {
        Map<String, Object> configs = configs(test);
        AvroSerializer<Object> serializer = new AvroSerializer<>();
        serializer.configure(configs, false);
        byte[] bytes = serializer.serialize(TOPIC, Fixtures.processorsToRussia("MRN-22CN0003"));

        AvroDeserializer<GenericRecord> raw = new AvroDeserializer<>();
        raw.configure(configs, false);
        GenericRecord generic = raw.deserialize(TOPIC, bytes);
        assertEquals("MRN-22CN0003", generic.get("declarationId").toString());
        GenericRecord item = (GenericRecord) ((GenericData.Array<?>) generic.get("items")).get(0);
        assertInstanceOf(ByteBuffer.class, item.get("valueUsd"));

        AvroDeserializer<GenericRecord> converted = new AvroDeserializer<>();
        configs.put(AvroSerdeConfig.LOGICAL_TYPE_CONVERTERS, "true");
        converted.configure(configs, false);
        GenericRecord convertedItem = (GenericRecord) ((GenericData.Array<?>) converted.deserialize(TOPIC, bytes).get("items")).get(0);
        assertEquals(new BigDecimal("412500.00"), convertedItem.get("valueUsd"));

        // And a generic record written back gives the same bytes as the generated class did.
        assertArrayEquals(bytes, serializer.serialize(TOPIC, generic));
    }

    @Test
    void shouldNameSubjectsByTheConfiguredStrategy(TestInfo test) {
        Declaration declaration = Fixtures.processorsToRussia("MRN-22CN0004");
        for (String strategy : new String[] {"io.confluent.kafka.serializers.subject.RecordNameStrategy", "TopicRecordNameStrategy"}) {
            AvroSerializer<Declaration> serializer = new AvroSerializer<>();
            serializer.configure(configs(test, AvroSerdeConfig.VALUE_SUBJECT_NAME_STRATEGY, strategy), false);
            serializer.serialize(TOPIC, declaration);
        }
        MockSchemaRegistryClient registry = MockSchemaRegistry.scope(scope);
        assertEquals(1, registry.latest("org.customssentinel.avro.Declaration").version());
        assertEquals(1, registry.latest(TOPIC + "-org.customssentinel.avro.Declaration").version());
        assertEquals(SubjectNameStrategy.TOPIC_NAME, AvroSerdeConfig.fromConfigs(Map.of(), true).subjectNameStrategy());
        assertEquals("t-key", SubjectNameStrategy.TOPIC_NAME.subject("t", true, Declaration.getClassSchema()));
    }

    @Test
    void shouldRefuseAnUnregisteredSchemaWhenAutoRegisterIsOff(TestInfo test) {
        AvroSerializer<Declaration> serializer = new AvroSerializer<>();
        serializer.configure(configs(test, AvroSerdeConfig.AUTO_REGISTER_SCHEMAS, "false"), false);
        SerializationException e = assertThrows(SerializationException.class,
                () -> serializer.serialize(TOPIC, Fixtures.processorsToRussia("MRN-22CN0005")));
        assertTrue(e.getMessage().contains(TOPIC + "-value") && e.getMessage().contains("not found"), e.getMessage());
    }

    @Test
    void shouldWriteWithTheLatestVersionWhenAskedResolvingTheRecordIntoIt(TestInfo test) {
        Schema v1 = SchemaBuilder.record("Probe").namespace("test").fields().requiredString("name").endRecord();
        Schema v2 = SchemaBuilder.record("Probe").namespace("test").fields().requiredString("name")
                .name("tier").type().stringType().stringDefault("none").endRecord();
        Map<String, Object> configs = configs(test, AvroSerdeConfig.USE_LATEST_VERSION, "true", AvroSerdeConfig.AUTO_REGISTER_SCHEMAS, "false");
        MockSchemaRegistryClient registry = MockSchemaRegistry.scope(scope);
        registry.register("probe-value", v1);
        int v2Id = registry.register("probe-value", v2);

        AvroSerializer<GenericRecord> serializer = new AvroSerializer<>();
        serializer.configure(configs, false);
        GenericRecord old = new GenericData.Record(v1);
        old.put("name", "ACME");
        byte[] bytes = serializer.serialize("probe", old);

        assertEquals(v2Id, ByteBuffer.wrap(bytes, 1, 4).getInt());
        AvroDeserializer<GenericRecord> deserializer = new AvroDeserializer<>();
        deserializer.configure(configs, false);
        GenericRecord read = deserializer.deserialize("probe", bytes);
        assertEquals("none", read.get("tier").toString());
    }

    @Test
    void shouldReportCorruptPayloadsWithTopicAndSchemaId(TestInfo test) {
        try (SpecificAvroSerde<Declaration> serde = new SpecificAvroSerde<>()) {
            serde.configure(configs(test), false);
            byte[] good = serde.serializer().serialize(TOPIC, Fixtures.processorsToRussia("MRN-22CN0006"));
            int id = ByteBuffer.wrap(good, 1, 4).getInt();

            byte[] wrongMagic = good.clone();
            wrongMagic[0] = 1;
            assertMessage(serde, wrongMagic, TOPIC, "magic byte 1");

            assertMessage(serde, new byte[] {0, 0, 0}, TOPIC, "shorter than the 5-byte header");

            byte[] unknownId = good.clone();
            ByteBuffer.wrap(unknownId).putInt(1, 4242);
            assertMessage(serde, unknownId, "schema id 4242", "not found");

            byte[] truncated = Arrays.copyOf(good, good.length / 2);
            assertMessage(serde, truncated, "schema id " + id, "truncated");
        }
    }

    private static void assertMessage(SpecificAvroSerde<Declaration> serde, byte[] payload, String... expected) {
        SerializationException e = assertThrows(SerializationException.class, () -> serde.deserializer().deserialize(TOPIC, payload));
        for (String part : expected) {
            assertTrue(e.getMessage().contains(part), () -> "'" + e.getMessage() + "' lacks '" + part + "'");
        }
    }

    @Test
    void shouldPassNullsThroughForTombstones(TestInfo test) {
        try (SpecificAvroSerde<Declaration> serde = new SpecificAvroSerde<>()) {
            serde.configure(configs(test), false);
            assertEquals(null, serde.serializer().serialize(TOPIC, null));
            assertEquals(null, serde.deserializer().deserialize(TOPIC, null));
        }
    }
}
