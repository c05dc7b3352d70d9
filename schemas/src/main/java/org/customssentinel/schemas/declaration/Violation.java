package org.customssentinel.schemas.declaration;

import java.util.Objects;

import org.customssentinel.avro.Rejection;

/** One thing wrong with a declaration: a code, a message for a person, the field when there is one. */
public record Violation(ReasonCode code, String message, String field) {

    public Violation {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
    }

    public Rejection toRejection() {
        return Rejection.newBuilder().setCode(code.name()).setMessage(message).setField(field).build();
    }

    @Override
    public String toString() {
        return code + ": " + message;
    }
}
