package org.customssentinel.schemas.registry;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;

/**
 * An in-memory registry with the real one's rules: content ids shared across subjects, versions per subject,
 * compatibility checked with Avro's own {@link SchemaCompatibility}, Confluent's error codes. For unit tests
 * ({@code schema.registry.url=mock://scope}); see {@link MockSchemaRegistry}.
 */
public final class MockSchemaRegistryClient implements SchemaRegistryClient {

    private final Map<String, Integer> idsByCanonicalSchema = new HashMap<>();
    private final Map<Integer, Schema> schemasById = new HashMap<>();
    private final Map<String, List<Integer>> idsBySubject = new HashMap<>();
    private final Map<String, CompatibilityLevel> subjectLevels = new HashMap<>();
    private CompatibilityLevel globalLevel = CompatibilityLevel.BACKWARD;

    @Override
    public synchronized int register(String subject, Schema schema) {
        List<Integer> versions = idsBySubject.computeIfAbsent(subject, s -> new ArrayList<>());
        Integer existing = idsByCanonicalSchema.get(schema.toString());
        if (existing != null && versions.contains(existing)) {
            return existing;
        }
        CompatibilityResult compatibility = testCompatibility(subject, schema);
        if (!compatibility.compatible()) {
            throw new SchemaRegistryException("Schema being registered is incompatible with an earlier schema for subject \""
                    + subject + "\": " + String.join("; ", compatibility.messages()), 409,
                    SchemaRegistryException.INCOMPATIBLE_SCHEMA);
        }
        int id = idsByCanonicalSchema.computeIfAbsent(schema.toString(), s -> schemasById.size() + 1);
        schemasById.putIfAbsent(id, schema);
        versions.add(id);
        return id;
    }

    @Override
    public synchronized Schema schemaById(int id) {
        Schema schema = schemasById.get(id);
        if (schema == null) {
            throw new SchemaRegistryException("Schema " + id + " not found", 404, SchemaRegistryException.SCHEMA_NOT_FOUND);
        }
        return schema;
    }

    @Override
    public synchronized List<Integer> versions(String subject) {
        List<Integer> ids = subjectIds(subject);
        List<Integer> versions = new ArrayList<>();
        for (int i = 1; i <= ids.size(); i++) {
            versions.add(i);
        }
        return versions;
    }

    @Override
    public synchronized RegisteredSchema version(String subject, int version) {
        List<Integer> ids = subjectIds(subject);
        if (version < 1 || version > ids.size()) {
            throw new SchemaRegistryException("Version " + version + " not found.", 404, SchemaRegistryException.VERSION_NOT_FOUND);
        }
        int id = ids.get(version - 1);
        return new RegisteredSchema(subject, id, version, schemasById.get(id));
    }

    @Override
    public synchronized RegisteredSchema latest(String subject) {
        return version(subject, subjectIds(subject).size());
    }

    @Override
    public synchronized RegisteredSchema lookup(String subject, Schema schema) {
        List<Integer> ids = subjectIds(subject);
        Integer id = idsByCanonicalSchema.get(schema.toString());
        if (id == null || !ids.contains(id)) {
            throw new SchemaRegistryException("Schema not found", 404, SchemaRegistryException.SCHEMA_NOT_FOUND);
        }
        return new RegisteredSchema(subject, id, ids.indexOf(id) + 1, schemasById.get(id));
    }

    @Override
    public synchronized CompatibilityResult testCompatibility(String subject, Schema schema) {
        List<Integer> ids = idsBySubject.getOrDefault(subject, List.of());
        if (ids.isEmpty()) {
            return new CompatibilityResult(true, List.of());
        }
        CompatibilityLevel level = subjectLevels.getOrDefault(subject, globalLevel);
        List<Integer> against = level.transitive() ? ids : List.of(ids.get(ids.size() - 1));
        List<String> messages = new ArrayList<>();
        for (int id : against) {
            Schema existing = schemasById.get(id);
            if (level.backward()) {
                check(SchemaCompatibility.checkReaderWriterCompatibility(schema, existing), "new schema cannot read", messages);
            }
            if (level.forward()) {
                check(SchemaCompatibility.checkReaderWriterCompatibility(existing, schema), "old schema cannot read", messages);
            }
        }
        return new CompatibilityResult(messages.isEmpty(), messages);
    }

    @Override
    public synchronized CompatibilityLevel globalCompatibility() {
        return globalLevel;
    }

    @Override
    public synchronized void setGlobalCompatibility(CompatibilityLevel level) {
        globalLevel = level;
    }

    @Override
    public synchronized Optional<CompatibilityLevel> subjectCompatibility(String subject) {
        return Optional.ofNullable(subjectLevels.get(subject));
    }

    @Override
    public synchronized void setSubjectCompatibility(String subject, CompatibilityLevel level) {
        subjectLevels.put(subject, level);
    }

    private List<Integer> subjectIds(String subject) {
        List<Integer> ids = idsBySubject.get(subject);
        if (ids == null || ids.isEmpty()) {
            throw new SchemaRegistryException("Subject '" + subject + "' not found.", 404, SchemaRegistryException.SUBJECT_NOT_FOUND);
        }
        return ids;
    }

    private static void check(SchemaCompatibility.SchemaPairCompatibility pair, String what, List<String> messages) {
        if (pair.getType() != SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE) {
            pair.getResult().getIncompatibilities().forEach(i ->
                    messages.add(what + ": " + i.getType() + " at " + i.getLocation() + " (" + i.getMessage() + ")"));
        }
    }
}
