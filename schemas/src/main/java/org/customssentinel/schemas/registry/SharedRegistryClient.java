package org.customssentinel.schemas.registry;

import java.util.List;
import java.util.Optional;

import org.apache.avro.Schema;

/**
 * One registry client lent to many serdes, which must not close it: a serde closes the client it was given, and
 * Kafka Streams closes some (a processor's own deserializer) while others still run. The owner closes the client
 * itself, after the serdes are done.
 */
public final class SharedRegistryClient implements SchemaRegistryClient {

    private final SchemaRegistryClient owned;

    public SharedRegistryClient(SchemaRegistryClient owned) {
        this.owned = owned;
    }

    @Override
    public int register(String subject, Schema schema) {
        return owned.register(subject, schema);
    }

    @Override
    public Schema schemaById(int id) {
        return owned.schemaById(id);
    }

    @Override
    public List<Integer> versions(String subject) {
        return owned.versions(subject);
    }

    @Override
    public RegisteredSchema version(String subject, int version) {
        return owned.version(subject, version);
    }

    @Override
    public RegisteredSchema latest(String subject) {
        return owned.latest(subject);
    }

    @Override
    public RegisteredSchema lookup(String subject, Schema schema) {
        return owned.lookup(subject, schema);
    }

    @Override
    public CompatibilityResult testCompatibility(String subject, Schema schema) {
        return owned.testCompatibility(subject, schema);
    }

    @Override
    public CompatibilityLevel globalCompatibility() {
        return owned.globalCompatibility();
    }

    @Override
    public void setGlobalCompatibility(CompatibilityLevel level) {
        owned.setGlobalCompatibility(level);
    }

    @Override
    public Optional<CompatibilityLevel> subjectCompatibility(String subject) {
        return owned.subjectCompatibility(subject);
    }

    @Override
    public void setSubjectCompatibility(String subject, CompatibilityLevel level) {
        owned.setSubjectCompatibility(subject, level);
    }

    /** Does nothing: the owner closes the client. */
    @Override
    public void close() {
    }
}
