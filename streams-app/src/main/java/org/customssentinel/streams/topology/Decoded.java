package org.customssentinel.streams.topology;

import org.customssentinel.avro.Declaration;
import org.customssentinel.avro.RejectedRecord;

/** A declarations-topic record once decoded: a declaration to process, or the reason it cannot be. Never serialized. */
record Decoded(Declaration declaration, RejectedRecord rejected) {

    static Decoded of(Declaration declaration) {
        return new Decoded(declaration, null);
    }

    static Decoded rejected(RejectedRecord rejected) {
        return new Decoded(null, rejected);
    }

    boolean isRejected() {
        return rejected != null;
    }
}
