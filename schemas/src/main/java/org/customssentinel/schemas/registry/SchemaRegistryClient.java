package org.customssentinel.schemas.registry;

import java.util.List;
import java.util.Optional;

import org.apache.avro.Schema;

/**
 * The Confluent Schema Registry API, as far as Avro serdes and operators need it.
 *
 * <p>Failures surface as {@link SchemaRegistryException}: 4xx answers carry the registry's own
 * {@code error_code} and message; network failures and 5xx are retried before they surface.
 */
public interface SchemaRegistryClient extends AutoCloseable {

    /** Registers {@code schema} under {@code subject} (a no-op returning the same id if already there). */
    int register(String subject, Schema schema);

    /** The schema with this global id. */
    Schema schemaById(int id);

    /** Version numbers registered under the subject, oldest first. */
    List<Integer> versions(String subject);

    /** One version of a subject. */
    RegisteredSchema version(String subject, int version);

    /** The newest version of a subject. */
    RegisteredSchema latest(String subject);

    /** The version of {@code subject} holding exactly this schema. */
    RegisteredSchema lookup(String subject, Schema schema);

    /** Whether {@code schema} may be registered next under {@code subject}, by the subject's compatibility level. */
    CompatibilityResult testCompatibility(String subject, Schema schema);

    /** The registry-wide compatibility level. */
    CompatibilityLevel globalCompatibility();

    void setGlobalCompatibility(CompatibilityLevel level);

    /** The subject's own level, if one was set (otherwise the global level applies). */
    Optional<CompatibilityLevel> subjectCompatibility(String subject);

    void setSubjectCompatibility(String subject, CompatibilityLevel level);

    /** Releases connections; the default does nothing. */
    @Override
    default void close() {
    }
}
