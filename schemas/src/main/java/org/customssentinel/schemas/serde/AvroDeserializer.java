package org.customssentinel.schemas.serde;

import java.io.EOFException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.customssentinel.schemas.registry.SchemaRegistryClient;
import org.customssentinel.schemas.registry.SchemaRegistryClients;
import org.customssentinel.schemas.registry.SchemaRegistryException;

/**
 * Reads Confluent-wire-format Avro, resolving the writer's schema (fetched once per id) against the reader's:
 * the generated class's schema with {@code specific.avro.reader=true}, else a given reader schema, else the
 * writer's own. Anything that is not a well-formed message becomes a {@link SerializationException} naming
 * the topic, the schema id and the cause.
 */
public class AvroDeserializer<T> implements Deserializer<T> {

    private final Optional<Schema> readerSchema;
    private final Map<Integer, DatumReader<Object>> readers = new ConcurrentHashMap<>();
    private SchemaRegistryClient registry;
    private boolean ownsRegistry;
    private AvroSerdeConfig config;

    /** For Kafka, which configures it with {@link #configure}. */
    public AvroDeserializer() {
        this(null, null);
    }

    /** With a given registry client (tests, or a client shared between serdes), which its owner closes. */
    public AvroDeserializer(SchemaRegistryClient registry) {
        this(registry, null);
    }

    /**
     * Generic records read into {@code readerSchema} whatever version wrote them (Avro schema resolution).
     *
     * @param registry     a client, or null to build one from the configuration
     * @param readerSchema the schema to read generic records into, or null for the writer's
     */
    public AvroDeserializer(SchemaRegistryClient registry, Schema readerSchema) {
        this.registry = registry;
        this.readerSchema = Optional.ofNullable(readerSchema);
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        this.config = AvroSerdeConfig.fromConfigs(configs, isKey);
        if (registry == null) {
            registry = SchemaRegistryClients.fromConfigs(configs);
            ownsRegistry = true;
        }
    }

    @Override
    public T deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        if (config == null) {
            throw new IllegalStateException("AvroDeserializer used before configure(): set " + AvroSerdeConfig.SCHEMA_REGISTRY_URL);
        }
        if (data.length < WireFormat.HEADER_LENGTH) {
            throw new SerializationException("Error deserializing Avro message for topic " + topic + ": " + data.length
                    + " bytes is shorter than the 5-byte header (magic byte 0 + schema id)");
        }
        if (data[0] != WireFormat.MAGIC_BYTE) {
            throw new SerializationException("Error deserializing Avro message for topic " + topic + ": unknown magic byte "
                    + data[0] + " (the Confluent wire format starts with 0)");
        }
        int schemaId = ByteBuffer.wrap(data, 1, 4).getInt();
        DatumReader<Object> reader;
        try {
            reader = readers.computeIfAbsent(schemaId, this::createReader);
        } catch (SchemaRegistryException e) {
            throw new SerializationException("Error deserializing Avro message for topic " + topic + ", schema id "
                    + schemaId + ": cannot fetch the writer's schema: " + e.getMessage(), e);
        }
        try {
            @SuppressWarnings("unchecked") // The caller chose T to match what this topic carries.
            T value = (T) reader.read(null, DecoderFactory.get().binaryDecoder(data, WireFormat.HEADER_LENGTH,
                    data.length - WireFormat.HEADER_LENGTH, null));
            return value;
        } catch (EOFException e) {
            throw new SerializationException("Error deserializing Avro message for topic " + topic + ", schema id "
                    + schemaId + ": body truncated (" + (data.length - WireFormat.HEADER_LENGTH) + " bytes)", e);
        } catch (Exception e) {
            throw new SerializationException("Error deserializing Avro message for topic " + topic + ", schema id "
                    + schemaId + ": " + e, e);
        }
    }

    private DatumReader<Object> createReader(int schemaId) {
        Schema writer = registry.schemaById(schemaId);
        GenericData model;
        Schema reader;
        if (config.specificAvroReader()) {
            Class<?> generated = SpecificData.get().getClass(writer);
            if (generated == null) {
                throw new SerializationException("specific.avro.reader=true but no generated class for "
                        + writer.getFullName() + " (schema id " + schemaId + ") is on the class path");
            }
            SpecificData specific = SpecificData.getForClass(generated);
            model = specific;
            reader = specific.getSchema(generated);
        } else {
            model = config.logicalTypeConverters() ? AvroModels.genericWithLogicalTypes() : GenericData.get();
            reader = readerSchema.orElse(writer);
        }
        @SuppressWarnings("unchecked") // Avro's factory is untyped.
        DatumReader<Object> datumReader = (DatumReader<Object>) model.createDatumReader(writer, reader);
        return datumReader;
    }

    /** Closes the registry client only if it built it: a client given to it may serve other serdes still. */
    @Override
    public void close() {
        if (ownsRegistry) {
            registry.close();
        }
    }
}
