package org.customssentinel.streams.enrich;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts changes to the reference stores, so that enrichment can remember lookups until the next change. One per
 * topology: the global thread advances it after each reference record, stream threads read it per declaration.
 */
public final class ReferenceGeneration {

    private final AtomicLong generation = new AtomicLong();

    public void advance() {
        generation.incrementAndGet();
    }

    public long current() {
        return generation.get();
    }
}
