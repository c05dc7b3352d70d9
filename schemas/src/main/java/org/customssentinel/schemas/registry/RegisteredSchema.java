package org.customssentinel.schemas.registry;

import java.util.Objects;

import org.apache.avro.Schema;

/** A schema as registered: its subject, global id and version within the subject. */
public record RegisteredSchema(String subject, int id, int version, Schema schema) {

    public RegisteredSchema {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(schema, "schema");
    }
}
