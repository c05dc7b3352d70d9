package org.customssentinel.streams.topology;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

import org.apache.avro.SchemaNormalization;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.customssentinel.avro.Declaration;
import org.customssentinel.schemas.registry.SchemaRegistryClient;

/**
 * What "the same content" means for a re-sent declaration: SHA-256 (first 16 bytes) over its Avro binary form in the
 * schema this build reads, so copies written by different schema versions compare by what they say.
 *
 * <p>A record written with a schema whose parsing canonical form equals ours is already in that form: its body is
 * hashed as it came, the common case, with nothing encoded again. Others are encoded again first. Not thread-safe:
 * one per processor.
 */
final class ContentFingerprints {

    static final int BYTES = 16;
    private static final int HEADER = 5;
    private static final long OUR_FORM = SchemaNormalization.parsingFingerprint64(Declaration.getClassSchema());

    private final SchemaRegistryClient registry;
    private final Map<Integer, Boolean> writesOurForm = new HashMap<>();
    private final SpecificDatumWriter<Declaration> writer = new SpecificDatumWriter<>(Declaration.class);
    private final Buffer buffer = new Buffer();
    private final MessageDigest sha256;
    private BinaryEncoder encoder;

    ContentFingerprints(SchemaRegistryClient registry) {
        this.registry = registry;
        try {
            this.sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** {@code raw}: the record as it was on the topic (Confluent wire format) that decoded into {@code declaration}. */
    byte[] of(byte[] raw, Declaration declaration) {
        int schemaId = ByteBuffer.wrap(raw, 1, 4).getInt();
        if (writesOurForm.computeIfAbsent(schemaId, id -> SchemaNormalization.parsingFingerprint64(registry.schemaById(id)) == OUR_FORM)) {
            sha256.update(raw, HEADER, raw.length - HEADER);
        } else {
            encodeAgain(declaration);
            sha256.update(buffer.bytes(), 0, buffer.size());
        }
        return Arrays.copyOf(sha256.digest(), BYTES);
    }

    private void encodeAgain(Declaration declaration) {
        buffer.reset();
        encoder = EncoderFactory.get().binaryEncoder(buffer, encoder);
        try {
            writer.write(declaration, encoder);
            encoder.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("a decoded declaration failed to encode again: " + declaration.getDeclarationId(), e);
        }
    }

    /** A byte stream whose array is read in place. */
    private static final class Buffer extends ByteArrayOutputStream {
        Buffer() {
            super(1024);
        }

        byte[] bytes() {
            return buf;
        }
    }
}
