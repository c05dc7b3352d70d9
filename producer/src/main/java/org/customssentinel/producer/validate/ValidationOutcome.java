package org.customssentinel.producer.validate;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.customssentinel.schemas.declaration.Violation;
import org.customssentinel.avro.Declaration;

/**
 * A validated declaration, or the reasons it was rejected (with its event time when that could be read).
 */
public record ValidationOutcome(Optional<Declaration> declaration, List<Violation> violations, Optional<Instant> eventTime) {

    public ValidationOutcome {
        violations = List.copyOf(violations);
    }

    static ValidationOutcome accepted(Declaration declaration) {
        return new ValidationOutcome(Optional.of(declaration), List.of(), Optional.of(declaration.getLodgedAt()));
    }

    static ValidationOutcome rejected(List<Violation> violations, Optional<Instant> eventTime) {
        return new ValidationOutcome(Optional.empty(), violations, eventTime);
    }

    public boolean accepted() {
        return declaration.isPresent();
    }
}
