package org.customssentinel.streams.topology;

import org.customssentinel.avro.Declaration;
/**
 * A declaration as the decoder read it, with its bytes as they were on the topic, which the duplicate filter
 * fingerprints. Handed from one processor to the next, never serialized.
 */
record Decoded(Declaration declaration, byte[] raw) {
}
