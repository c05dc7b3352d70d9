package org.customssentinel.streams.topology;

import org.customssentinel.avro.Declaration;
import org.customssentinel.avro.RejectedRecord;

/** A declarations-topic record once decoded: a declaration to process, or the reason it cannot be. Never serialized. */
record Decoded(Declaration declaration, byte[] raw, RejectedRecord rejected) {

    /** {@code raw}: the record's value as it was on the topic, which the duplicate filter fingerprints. */
    static Decoded of(Declaration declaration, byte[] raw) {
        return new Decoded(declaration, raw, null);
    }

    static Decoded rejected(RejectedRecord rejected) {
        return new Decoded(null, null, rejected);
    }

    boolean isRejected() {
        return rejected != null;
    }
}
