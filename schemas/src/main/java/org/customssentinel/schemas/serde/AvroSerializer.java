package org.customssentinel.schemas.serde;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericContainer;
import org.apache.avro.generic.GenericData;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;
import org.customssentinel.schemas.registry.RegisteredSchema;
import org.customssentinel.schemas.registry.SchemaRegistryClient;
import org.customssentinel.schemas.registry.SchemaRegistryClients;
import org.customssentinel.schemas.registry.SchemaRegistryException;

/**
 * Writes Avro records (generated or generic) in Confluent's wire format, registering or looking up their schema
 * under the subject the configured strategy names. A drop-in for Confluent's {@code KafkaAvroSerializer}:
 * same property names, same bytes.
 *
 * <p>With {@code use.latest.version=true} a record whose schema differs from the subject's latest version is
 * first resolved into the latest schema (Avro schema resolution), then written with the latest id.
 */
public class AvroSerializer<T> implements Serializer<T> {

    private final GenericData genericModel = AvroModels.genericWithLogicalTypes();
    private final Map<Schema, DatumWriter<Object>> writers = new ConcurrentHashMap<>();
    private final Map<String, RegisteredSchema> latestBySubject = new ConcurrentHashMap<>();
    private final ThreadLocal<Buffer> buffers = ThreadLocal.withInitial(Buffer::new);
    private SchemaRegistryClient registry;
    private boolean ownsRegistry;
    private AvroSerdeConfig config;
    private boolean isKey;

    /** For Kafka, which configures it with {@link #configure}. */
    public AvroSerializer() {
    }

    /** With a given registry client (tests, or a client shared between serdes), which its owner closes. */
    public AvroSerializer(SchemaRegistryClient registry) {
        this.registry = registry;
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        this.config = AvroSerdeConfig.fromConfigs(configs, isKey);
        this.isKey = isKey;
        if (registry == null) {
            registry = SchemaRegistryClients.fromConfigs(configs);
            ownsRegistry = true;
        }
    }

    @Override
    public byte[] serialize(String topic, T data) {
        if (data == null) {
            return null;
        }
        if (config == null) {
            throw new IllegalStateException("AvroSerializer used before configure(): set " + AvroSerdeConfig.SCHEMA_REGISTRY_URL);
        }
        if (!(data instanceof GenericContainer container)) {
            throw new SerializationException("AvroSerializer writes Avro records (generated classes or GenericRecord)"
                    + " for topic " + topic + ", got " + data.getClass().getName());
        }
        Schema schema = container.getSchema();
        String subject = config.subjectNameStrategy().subject(topic, isKey, schema);
        try {
            if (config.useLatestVersion()) {
                RegisteredSchema latest = latestBySubject.computeIfAbsent(subject, registry::latest);
                Object datum = latest.schema().equals(schema) ? data : resolve(data, schema, latest.schema());
                return frame(latest.id(), latest.schema(), datum);
            }
            int id = config.autoRegisterSchemas() ? registry.register(subject, schema) : registry.lookup(subject, schema).id();
            return frame(id, schema, data);
        } catch (SchemaRegistryException e) {
            throw new SerializationException("Error " + (config.autoRegisterSchemas() ? "registering" : "looking up")
                    + " Avro schema " + schema.getFullName() + " for topic " + topic + " under subject " + subject
                    + ": " + e.getMessage(), e);
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("Error serializing Avro " + schema.getFullName() + " for topic " + topic
                    + ": " + e, e);
        }
    }

    private byte[] frame(int id, Schema schema, Object datum) throws IOException {
        Buffer buffer = buffers.get();
        // Buffered, not direct: the direct encoder writes field by field into the (synchronized) byte stream.
        // Reconfiguring flushes what a failed write left in the encoder, so the stream is reset after it.
        buffer.encoder = EncoderFactory.get().binaryEncoder(buffer.out, buffer.encoder);
        buffer.out.reset();
        buffer.out.write(WireFormat.MAGIC_BYTE);
        buffer.out.write(ByteBuffer.allocate(4).putInt(id).array());
        writer(schema, datum).write(datum, buffer.encoder);
        buffer.encoder.flush();
        byte[] bytes = buffer.out.toByteArray();
        if (bytes.length > Buffer.KEEP_UP_TO) {
            // One huge record should not pin its buffer for the serializer's life.
            buffers.remove();
        }
        return bytes;
    }

    /**
     * A stream and encoder per thread, reused: a new encoder allocates a 2 KiB buffer, once per record. Per thread
     * because Kafka Streams shares one serializer between the stream threads of an app.
     */
    private static final class Buffer {
        static final int KEEP_UP_TO = 64 * 1024;
        final ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
        BinaryEncoder encoder;
    }

    private DatumWriter<Object> writer(Schema schema, Object datum) {
        return writers.computeIfAbsent(schema, s -> {
            GenericData model = datum instanceof SpecificRecord ? SpecificData.getForSchema(s) : genericModel;
            @SuppressWarnings("unchecked") // Avro's factory is untyped; every datum written here is a record of s.
            DatumWriter<Object> writer = (DatumWriter<Object>) model.createDatumWriter(s);
            return writer;
        });
    }

    /** Avro schema resolution: the record's own schema is the writer, the latest registered one the reader. */
    private Object resolve(Object datum, Schema own, Schema latest) throws IOException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream(256);
        BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(buffer, null);
        writer(own, datum).write(datum, encoder);
        encoder.flush();
        @SuppressWarnings("unchecked") // As above: the generic model's readers are untyped.
        DatumReader<Object> reader = (DatumReader<Object>) genericModel.createDatumReader(own, latest);
        return reader.read(null, DecoderFactory.get().binaryDecoder(buffer.toByteArray(), null));
    }

    /** Closes the registry client only if it built it: a client given to it may serve other serdes still. */
    @Override
    public void close() {
        if (ownsRegistry) {
            registry.close();
        }
    }
}
