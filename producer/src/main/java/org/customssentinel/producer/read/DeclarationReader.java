package org.customssentinel.producer.read;

import java.io.Closeable;
import java.io.IOException;

/** Streams declarations out of one source, one at a time, in source order. */
public interface DeclarationReader extends Closeable {

    /** The next declaration, or null at the end of the source. */
    DeclarationDraft next() throws IOException;

    /** How far through the source we are, 0 to 1, for progress reports (compressed bytes for .gz). */
    double progress();
}
