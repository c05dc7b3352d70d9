package org.customssentinel.schemas.registry;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.avro.Schema;

/**
 * Keeps what never changes in a registry (ids, and which id a schema has under a subject) so that serializing
 * and deserializing make no HTTP call after the first record of each schema. Latest versions, version lists and
 * configuration change over time and always go to the registry.
 */
public final class CachingSchemaRegistryClient implements SchemaRegistryClient {

    private final SchemaRegistryClient delegate;
    private final Map<Integer, Schema> schemasById = new ConcurrentHashMap<>();
    private final Map<SubjectSchema, Integer> idsBySubjectSchema = new ConcurrentHashMap<>();
    private final Map<SubjectSchema, RegisteredSchema> lookups = new ConcurrentHashMap<>();

    public CachingSchemaRegistryClient(SchemaRegistryClient delegate) {
        this.delegate = delegate;
    }

    @Override
    public int register(String subject, Schema schema) {
        return idsBySubjectSchema.computeIfAbsent(new SubjectSchema(subject, schema), key -> {
            int id = delegate.register(subject, schema);
            schemasById.putIfAbsent(id, schema);
            return id;
        });
    }

    @Override
    public Schema schemaById(int id) {
        return schemasById.computeIfAbsent(id, delegate::schemaById);
    }

    @Override
    public List<Integer> versions(String subject) {
        return delegate.versions(subject);
    }

    @Override
    public RegisteredSchema version(String subject, int version) {
        RegisteredSchema registered = delegate.version(subject, version);
        schemasById.putIfAbsent(registered.id(), registered.schema());
        return registered;
    }

    @Override
    public RegisteredSchema latest(String subject) {
        RegisteredSchema registered = delegate.latest(subject);
        schemasById.putIfAbsent(registered.id(), registered.schema());
        return registered;
    }

    @Override
    public RegisteredSchema lookup(String subject, Schema schema) {
        return lookups.computeIfAbsent(new SubjectSchema(subject, schema), key -> {
            RegisteredSchema registered = delegate.lookup(subject, schema);
            schemasById.putIfAbsent(registered.id(), registered.schema());
            return registered;
        });
    }

    @Override
    public CompatibilityResult testCompatibility(String subject, Schema schema) {
        return delegate.testCompatibility(subject, schema);
    }

    @Override
    public CompatibilityLevel globalCompatibility() {
        return delegate.globalCompatibility();
    }

    @Override
    public void setGlobalCompatibility(CompatibilityLevel level) {
        delegate.setGlobalCompatibility(level);
    }

    @Override
    public Optional<CompatibilityLevel> subjectCompatibility(String subject) {
        return delegate.subjectCompatibility(subject);
    }

    @Override
    public void setSubjectCompatibility(String subject, CompatibilityLevel level) {
        delegate.setSubjectCompatibility(subject, level);
    }

    @Override
    public void close() {
        delegate.close();
    }

    /** Schema equality in Avro includes docs and defaults, which is what "the same schema" means to a registry. */
    private record SubjectSchema(String subject, Schema schema) {
    }
}
